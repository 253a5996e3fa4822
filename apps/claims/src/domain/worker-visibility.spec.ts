import { workerVisible } from './worker-visibility';

describe('which workers a caller sees (docs/api.md, "Who may call")', () => {
  it('shows the back office every worker, known or not, recorded region or not', () => {
    expect(workerVisible(undefined, '5371')).toBe(true);
    expect(workerVisible(undefined, null)).toBe(true);
    expect(workerVisible(undefined, undefined)).toBe(true);
  });

  it("shows an agent the workers of its own regions, and no other region's", () => {
    expect(workerVisible(['5371'], '5371')).toBe(true);
    expect(workerVisible(['5303', '5371'], '5371')).toBe(true);
    expect(workerVisible(['5371'], '5303')).toBe(false);
  });

  it('hides from an agent a worker it cannot place in its regions: unknown, or registered before regions were recorded', () => {
    expect(workerVisible(['5371'], undefined)).toBe(false);
    expect(workerVisible(['5371'], null)).toBe(false);
  });

  it('shows an agent without regions nobody', () => {
    expect(workerVisible([], '5371')).toBe(false);
  });
});
