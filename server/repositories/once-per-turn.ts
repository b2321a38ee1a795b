// A latch that opens once per turn of the event loop. Queries whose answer only another
// process can change (the change log's version, PRAGMA data_version) are asked at the first
// use in a turn and shared by every request of that turn; another process's commit shows
// from the next turn.
export interface TurnLatch {
  /** True at the first call of this turn, false after it until the loop turns. */
  first(): boolean;
}

/** A latch that closes at its first call in a turn and reopens when the loop moves on (setImmediate). */
export function createTurnLatch(): TurnLatch {
  let closed = false;
  const reopen = () => {
    closed = false;
  };
  return {
    first() {
      if (closed) return false;
      closed = true;
      setImmediate(reopen);
      return true;
    },
  };
}
