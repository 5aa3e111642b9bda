// gort: Go's runtime timers, scheduler, channels and select, with Go 1.23 semantics.
export {
  Chan,
  chan,
  close,
  type ReceiveChan,
  type RecvResult,
  type SendChan,
  type TimerChan,
} from "./chan.ts";
export * as context from "./context.ts";
export * as errgroup from "./errgroup.ts";
export {
  GoPanic,
  isGoPanic,
  RuntimeInvariantError,
} from "./errors.ts";
export {
  GOMAXPROCS,
  GoexitSignal,
  GoFatalError,
  go,
  goexit,
  gosched,
  io,
  numGoroutine,
  Runtime,
  type RuntimeOptions,
  type RuntimeStats,
} from "./go.ts";
export {
  type Case,
  type CaseResult,
  type RecvCase,
  recv,
  type SelectResultOf,
  type SendCase,
  select,
  send,
  trySelect,
} from "./select.ts";
export * as semaphore from "./semaphore.ts";
export * as signal from "./signal.ts";
/** The same names as a namespace, as Go spells them: `sync.WaitGroup`, `sync.Mutex`, … */
export * as sync from "./sync.ts";
export {
  Cond,
  type Locker,
  Mutex,
  Once,
  onceFunc,
  onceValue,
  onceValues,
  Pool,
  type PoolOptions,
  RWMutex,
  SyncMap,
  WaitGroup,
} from "./sync.ts";
export * as time from "./time.ts";
