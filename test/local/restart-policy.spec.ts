import { RestartPolicy } from '../../deploy/local/restart-policy';

const policy = () => new RestartPolicy({ firstDelayMs: 1_000, maxDelayMs: 8_000, stableAfterMs: 60_000, maxCrashesAtStart: 3 });
const healthyFor = (upMs: number) => ({ upMs, becameHealthy: true });
const deadAtStart = { upMs: 800, becameHealthy: false };

describe("npm start's restart policy", () => {
  it('restarts a service that crashed, waiting 1 s, then twice as long after each quick crash, up to the longest wait', () => {
    const restarts = policy();
    expect([1, 2, 3, 4, 5].map(() => restarts.onExit(healthyFor(5_000)))).toEqual([
      { restart: true, delayMs: 1_000, restarts: 1 },
      { restart: true, delayMs: 2_000, restarts: 2 },
      { restart: true, delayMs: 4_000, restarts: 3 },
      { restart: true, delayMs: 8_000, restarts: 4 },
      { restart: true, delayMs: 8_000, restarts: 5 },
    ]);
  });

  it('starts the waits over after a run long enough to count as stable, and keeps counting the restarts', () => {
    const restarts = policy();
    restarts.onExit(healthyFor(5_000));
    restarts.onExit(healthyFor(5_000));
    expect(restarts.onExit(healthyFor(60_000))).toEqual({ restart: true, delayMs: 1_000, restarts: 3 });
  });

  it('gives up on a service that keeps crashing before it answers its health check', () => {
    const restarts = policy();
    expect(restarts.onExit(deadAtStart)).toMatchObject({ restart: true, restarts: 1 });
    expect(restarts.onExit(deadAtStart)).toMatchObject({ restart: true, restarts: 2 });
    expect(restarts.onExit(deadAtStart)).toEqual({
      restart: false,
      reason: 'it crashed 3 times in a row before answering its health check',
      restarts: 2,
    });
  });

  it('does not give up on crashes spread between healthy runs', () => {
    const restarts = policy();
    for (let i = 0; i < 10; i++) {
      expect(restarts.onExit(deadAtStart).restart).toBe(true);
      expect(restarts.onExit(healthyFor(3_000)).restart).toBe(true);
    }
  });
});
