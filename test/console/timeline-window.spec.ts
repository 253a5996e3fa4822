import { addMonths, firstWindow, shiftWindow } from '../../apps/console/src/workers/timeline-window';

// The worker's page shows twelve months of coverage at a time (workers/CoverageTimeline.tsx).
describe("the months a worker's coverage timeline shows", () => {
  it('counts periods in months, across years both ways', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', -24)).toBe('2024-12');
    expect(addMonths('2026-05', 0)).toBe('2026-05');
    expect(() => addMonths('2026-5', 1)).toThrow('not a period: 2026-5');
  });

  it('starts at the month of registration while the membership is younger than a year', () => {
    expect(firstWindow('2026-11-02', '2026-11-20')).toEqual({ from: '2026-11', to: '2027-10' });
    expect(firstWindow('2025-12-31', '2026-11-20')).toEqual({ from: '2025-12', to: '2026-11' });
  });

  it('shows the year ending this month for an older membership', () => {
    expect(firstWindow('2023-04-10', '2026-11-20')).toEqual({ from: '2025-12', to: '2026-11' });
  });

  it('moves a whole year back or forth', () => {
    const first = { from: '2025-12', to: '2026-11' };
    expect(shiftWindow(first, -1)).toEqual({ from: '2024-12', to: '2025-11' });
    expect(shiftWindow(first, 2)).toEqual({ from: '2027-12', to: '2028-11' });
  });
});
