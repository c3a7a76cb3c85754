//! One thread pool, one knob.
//!
//! * The count comes from `OXBLAS_NUM_THREADS`, then `OMP_NUM_THREADS`, then
//!   the number of CPUs; [`set_num_threads`] changes it at run time.
//! * [`parallel_for`] runs the pieces `f(tid, nt)`, `tid in 0..nt`, each
//!   once, and returns when all are done. Pieces are claimed by the calling
//!   thread and the pool workers alike, so the caller never waits for a
//!   worker that has not started (a busy machine may not schedule it for
//!   milliseconds): it runs the unclaimed pieces itself and waits only for
//!   pieces already running. Each participant first claims its own piece
//!   (the caller piece 0, worker `w` piece `w`), then any piece left, so
//!   from one call to the next a piece usually runs on the same thread and
//!   finds its data in that core's L2 (what an L2-sized Level 1 operation
//!   split in two needs). Which thread runs a piece never matters for the
//!   result: the work of piece `tid` depends only on `(tid, nt)`, and a
//!   piece runs with the caller's ISA. A call from inside a pool job
//!   (nesting), or while another thread of the program holds the pool
//!   (concurrent callers), runs on the caller alone as the single piece
//!   `f(0, 1)`. So nesting never oversubscribes and no caller ever waits on
//!   a global lock. Pieces must not wait for each other (they may run one
//!   after another on one thread).
//! * fork(): the child has no worker threads. The pool remembers the process
//!   that made it (a fork generation bumped by a `pthread_atfork` child
//!   handler, or the pid where that is unavailable: a per-call getpid would
//!   be a system call); a call from another process builds a fresh pool lazily (the parent's
//!   pool memory is leaked in the child, never touched).
//! * Workers spin briefly after a job (back-to-back calls, as in a blocked
//!   LAPACK factorisation, find them awake), then sleep on a condvar.

use crate::arch::{isa, with_isa, Isa};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Upper bound on pool size, whatever is asked for.
pub const MAX_THREADS: usize = 256;

static NUM_THREADS: AtomicUsize = AtomicUsize::new(0);

fn threads_from_env() -> usize {
    for var in ["OXBLAS_NUM_THREADS", "OMP_NUM_THREADS"] {
        if let Ok(s) = std::env::var(var) {
            // OMP_NUM_THREADS may be a list ("4,2") for nested levels: take the first.
            if let Some(n) = s
                .split(',')
                .next()
                .and_then(|t| t.trim().parse::<usize>().ok())
            {
                if n >= 1 {
                    return n.min(MAX_THREADS);
                }
            }
        }
    }
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(MAX_THREADS)
}

thread_local! {
    /// A `with_num_threads` override for calls made from this thread.
    static THREAD_LIMIT: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` with calls from this thread using `n` threads (a scoped limit,
/// like threadpoolctl's `threadpool_limits`).
pub fn with_num_threads<R>(n: usize, f: impl FnOnce() -> R) -> R {
    let prev = THREAD_LIMIT.with(|c| c.replace(n.clamp(1, MAX_THREADS)));
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_LIMIT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(prev);
    f()
}

/// The number of threads oxblas uses for one call.
pub fn num_threads() -> usize {
    let t = THREAD_LIMIT.with(|c| c.get());
    if t != 0 {
        return t;
    }
    let n = NUM_THREADS.load(Ordering::Relaxed);
    if n != 0 {
        return n;
    }
    let n = threads_from_env();
    NUM_THREADS.store(n, Ordering::Relaxed);
    n
}

/// Set the number of threads (clamped to 1..=MAX_THREADS). Takes effect on
/// the next call; results do not depend on it (see the GEMM driver).
pub fn set_num_threads(n: usize) {
    NUM_THREADS.store(n.clamp(1, MAX_THREADS), Ordering::Relaxed);
}

thread_local! {
    /// True on pool workers: a parallel_for from here runs serially.
    static IN_WORKER: Cell<bool> = const { Cell::new(false) };
}

/// The job a caller publishes: lives on the caller's stack while it is open
/// (`Shared::job` points at it) and until every worker that entered it has
/// left (`Shared::active` back to zero).
struct Job<'a> {
    f: &'a (dyn Fn(usize, usize) + Sync),
    /// Pieces `0..nt`, each run once as `f(piece, nt)`.
    nt: usize,
    /// The next piece of the sweep that claims whatever is left.
    next: AtomicUsize,
    /// Piece `p` is claimed (by a swap to true: exactly one participant
    /// gets it, by its home claim or by the sweep).
    claimed: [AtomicBool; MAX_THREADS],
    /// The caller's ISA, so a piece computes the same bits on any thread.
    isa: Isa,
    panicked: AtomicBool,
}

impl Job<'_> {
    /// Claims and runs pieces until none is left, piece `home` first if
    /// it is still free; returns the first panic payload of a piece run
    /// here (the other pieces still run).
    fn run_pieces(&self, home: usize) -> Option<Box<dyn std::any::Any + Send>> {
        let mut first = None;
        let mut run = |piece: usize| {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                with_isa(self.isa, || (self.f)(piece, self.nt))
            }));
            if let Err(p) = r {
                self.panicked.store(true, Ordering::Release);
                first.get_or_insert(p);
            }
        };
        if home < self.nt && !self.claimed[home].swap(true, Ordering::Relaxed) {
            run(home);
        }
        loop {
            let piece = self.next.fetch_add(1, Ordering::Relaxed);
            if piece >= self.nt {
                break;
            }
            if !self.claimed[piece].swap(true, Ordering::Relaxed) {
                run(piece);
            }
        }
        first
    }
}

struct Shared {
    /// Bumped once per job; workers wait for it to change.
    epoch: AtomicU64,
    /// The open job, or null: closed by its caller once all its pieces are
    /// claimed, so a worker that wakes up late finds nothing to do.
    job: AtomicPtr<Job<'static>>,
    /// Workers inside a job (between reading `job` and leaving it).
    active: AtomicUsize,
    /// Held by the one caller using the pool.
    busy: AtomicBool,
    shutdown: AtomicBool,
    sleepers: AtomicUsize,
    lock: Mutex<()>,
    wake: Condvar,
}

struct Pool {
    /// The process that made the pool (`process_tag`).
    tag: u64,
    nworkers: usize,
    shared: Arc<Shared>,
}

static POOL: AtomicPtr<Pool> = AtomicPtr::new(core::ptr::null_mut());

/// How long an idle worker spins before sleeping.
const SPIN_TIME: Duration = Duration::from_micros(200);

/// The loop of pool worker `home` (1-based: piece 0 is the caller's).
fn worker_loop(shared: Arc<Shared>, home: usize) {
    IN_WORKER.with(|w| w.set(true));
    // Epoch 0 is the pool's birth: a job published before this thread got
    // to run has already bumped it and must not be missed.
    let mut seen = 0u64;
    loop {
        // Wait for a new epoch: spin, then sleep.
        let start = Instant::now();
        let mut spins = 0u32;
        loop {
            if shared.shutdown.load(Ordering::Acquire) {
                return;
            }
            if shared.epoch.load(Ordering::Acquire) != seen {
                break;
            }
            spins += 1;
            if !spins.is_multiple_of(64) || start.elapsed() < SPIN_TIME {
                core::hint::spin_loop();
                continue;
            }
            let mut guard = shared.lock.lock().unwrap_or_else(|e| e.into_inner());
            shared.sleepers.fetch_add(1, Ordering::SeqCst);
            while shared.epoch.load(Ordering::SeqCst) == seen
                && !shared.shutdown.load(Ordering::SeqCst)
            {
                guard = shared.wake.wait(guard).unwrap_or_else(|e| e.into_inner());
            }
            shared.sleepers.fetch_sub(1, Ordering::SeqCst);
            break;
        }
        if shared.shutdown.load(Ordering::Acquire) {
            return;
        }
        seen = shared.epoch.load(Ordering::Acquire);
        // Enter before reading the job pointer (both SeqCst, against the
        // caller's close-then-check): either the caller sees us active and
        // waits, or we see the job closed.
        shared.active.fetch_add(1, Ordering::SeqCst);
        let job = shared.job.load(Ordering::SeqCst);
        if !job.is_null() {
            // SAFETY: the job was open after we entered, so its caller has
            // not yet seen `active` at zero and keeps the Job alive until we
            // leave below.
            let job = unsafe { &*job };
            // A panic was recorded in the job; the caller re-raises it.
            drop(job.run_pieces(home));
        }
        shared.active.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Pool {
    fn new(nworkers: usize) -> Option<Pool> {
        let shared = Arc::new(Shared {
            epoch: AtomicU64::new(0),
            job: AtomicPtr::new(core::ptr::null_mut()),
            active: AtomicUsize::new(0),
            busy: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            sleepers: AtomicUsize::new(0),
            lock: Mutex::new(()),
            wake: Condvar::new(),
        });
        for w in 0..nworkers {
            let s = Arc::clone(&shared);
            let spawned = std::thread::Builder::new()
                .name(format!("oxblas-{}", w + 1))
                .stack_size(1 << 20)
                .spawn(move || worker_loop(s, w + 1));
            if spawned.is_err() {
                shared.shutdown.store(true, Ordering::SeqCst);
                shared.wake.notify_all();
                return None;
            }
        }
        Some(Pool {
            tag: process_tag(),
            nworkers,
            shared,
        })
    }

    /// Lets the workers exit, but only once no caller can be using the pool:
    /// the busy flag is taken for good first. A pool in use at that moment
    /// keeps its (sleeping) workers; its caller finishes normally and later
    /// callers fall through to the new pool or run serially.
    fn retire(&self) {
        if self
            .shared
            .busy
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            return;
        }
        self.shared.shutdown.store(true, Ordering::SeqCst);
        let _g = self.shared.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.shared.wake.notify_all();
    }
}

#[cfg(unix)]
extern "C" {
    fn pthread_atfork(
        prepare: Option<extern "C" fn()>,
        parent: Option<extern "C" fn()>,
        child: Option<extern "C" fn()>,
    ) -> i32;
}

/// Forks this process descends from (bumped in each child).
static FORK_GEN: AtomicU64 = AtomicU64::new(0);

#[cfg(unix)]
extern "C" fn bump_fork_generation() {
    // An atomic add is async-signal-safe, as a fork child handler must be.
    FORK_GEN.fetch_add(1, Ordering::SeqCst);
}

/// Tells this process from its parent and children: the fork generation
/// (one atomic load per call) once the atfork handler is registered, else
/// the pid (tagged so the two kinds never compare equal).
fn process_tag() -> u64 {
    static REGISTERED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    #[cfg(unix)]
    let registered = *REGISTERED.get_or_init(|| {
        // SAFETY: registers a handler that only bumps an atomic; handlers
        // stay registered for the life of the process, as is required.
        unsafe { pthread_atfork(None, None, Some(bump_fork_generation)) == 0 }
    });
    #[cfg(not(unix))]
    let registered = *REGISTERED.get_or_init(|| false);
    if registered {
        FORK_GEN.load(Ordering::SeqCst)
    } else {
        (1 << 63) | u64::from(std::process::id())
    }
}

/// A pool of this process with at least `nworkers` workers, made on demand.
/// Old pools are retired (their idle threads exit) and leaked: a concurrent
/// caller may still hold a reference, and memory is a few hundred bytes.
/// Retiring never strands a job: see `Pool::retire`.
fn pool_with(nworkers: usize) -> Option<&'static Pool> {
    let tag = process_tag();
    let cur = POOL.load(Ordering::Acquire);
    // SAFETY: POOL only ever holds null or a leaked, never-freed Box<Pool>.
    let cur_ref = unsafe { cur.as_ref() };
    if let Some(p) = cur_ref {
        if p.tag == tag && p.nworkers >= nworkers {
            return Some(p);
        }
    }
    let keep = cur_ref.filter(|p| p.tag == tag).map_or(0, |p| p.nworkers);
    let fresh = Box::into_raw(Box::new(Pool::new(nworkers.max(keep))?));
    match POOL.compare_exchange(cur, fresh, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => {
            if let Some(old) = cur_ref.filter(|p| p.tag == tag) {
                old.retire();
            }
            // SAFETY: `fresh` came from Box::into_raw and is never freed.
            Some(unsafe { &*fresh })
        }
        Err(_) => {
            // Another thread installed a pool first: retire ours (leaked) and
            // run this call serially.
            // SAFETY: `fresh` is ours alone and still valid.
            unsafe { (*fresh).retire() };
            None
        }
    }
}

/// True when called from an oxblas pool worker.
pub fn in_worker() -> bool {
    IN_WORKER.with(|w| w.get())
}

/// Runs the pieces `f(tid, nt)` for `tid in 0..nt` on whichever threads
/// claim them (the caller included) and returns when all have finished.
/// `nt` is `requested`, or 1 when the call runs serially; see the module
/// docs. Pieces must not wait for one another. A panic in any piece is
/// re-raised on the caller after all have finished.
pub fn parallel_for(requested: usize, f: &(dyn Fn(usize, usize) + Sync)) {
    let requested = requested.min(MAX_THREADS);
    if requested <= 1 || in_worker() {
        return f(0, 1);
    }
    let Some(pool) = pool_with(requested - 1) else {
        return f(0, 1);
    };
    let sh = &pool.shared;
    if sh
        .busy
        .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        return f(0, 1);
    }
    let job = Job {
        f,
        nt: requested,
        next: AtomicUsize::new(0),
        claimed: [const { AtomicBool::new(false) }; MAX_THREADS],
        isa: isa(),
        panicked: AtomicBool::new(false),
    };
    // SAFETY (lifetime erasure): the Job outlives every worker's use of it:
    // it is closed below before we wait for `active == 0`, and a worker
    // only touches a job it found open after entering (see worker_loop).
    sh.job.store(
        &job as *const Job<'_> as *mut Job<'static>,
        Ordering::SeqCst,
    );
    sh.epoch.fetch_add(1, Ordering::SeqCst);
    if sh.sleepers.load(Ordering::SeqCst) > 0 {
        let _g = sh.lock.lock().unwrap_or_else(|e| e.into_inner());
        sh.wake.notify_all();
    }
    // The caller claims pieces too, so it never waits for a worker that is
    // not running: it waits only for pieces that workers have started.
    let mine = job.run_pieces(0);
    sh.job.store(core::ptr::null_mut(), Ordering::SeqCst);
    let mut spins = 0u32;
    while sh.active.load(Ordering::SeqCst) != 0 {
        spins = spins.wrapping_add(1);
        if spins < 1 << 14 {
            core::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
    sh.busy.store(false, Ordering::Release);
    if let Some(p) = mine {
        std::panic::resume_unwind(p);
    }
    if job.panicked.load(Ordering::Acquire) {
        panic!("oxblas: a pool worker panicked");
    }
}

/// A barrier for `nt` participants that run concurrently. Spins (then
/// yields). Not for the pieces of one `parallel_for`: pieces may run one
/// after another on one thread, and a piece waiting for a later one would
/// wait until a worker claims it (oxblas itself no longer uses barriers).
pub struct Barrier {
    count: AtomicUsize,
    generation: AtomicUsize,
    nt: usize,
}

impl Barrier {
    pub fn new(nt: usize) -> Barrier {
        Barrier {
            count: AtomicUsize::new(0),
            generation: AtomicUsize::new(0),
            nt,
        }
    }
    pub fn wait(&self) {
        if self.nt <= 1 {
            return;
        }
        let gen = self.generation.load(Ordering::Acquire);
        if self.count.fetch_add(1, Ordering::AcqRel) + 1 == self.nt {
            self.count.store(0, Ordering::Relaxed);
            self.generation.fetch_add(1, Ordering::AcqRel);
            return;
        }
        let mut spins = 0u32;
        while self.generation.load(Ordering::Acquire) == gen {
            spins = spins.wrapping_add(1);
            if spins < 1 << 12 {
                core::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tid_runs_once() {
        let hits: Vec<AtomicUsize> = (0..4).map(|_| AtomicUsize::new(0)).collect();
        let granted = AtomicUsize::new(0);
        parallel_for(4, &|tid, nt| {
            granted.store(nt, Ordering::Relaxed);
            hits[tid].fetch_add(1, Ordering::Relaxed);
        });
        let nt = granted.load(Ordering::Relaxed);
        for (t, h) in hits.iter().enumerate() {
            assert_eq!(h.load(Ordering::Relaxed), usize::from(t < nt));
        }
    }

    #[test]
    fn a_participant_runs_its_home_piece_first_then_the_rest_once() {
        use std::sync::Mutex as M;
        let order = M::new(Vec::new());
        let f = |tid: usize, _nt: usize| order.lock().unwrap().push(tid);
        let job = |nt: usize| Job {
            f: &f,
            nt,
            next: AtomicUsize::new(0),
            claimed: [const { AtomicBool::new(false) }; MAX_THREADS],
            isa: isa(),
            panicked: AtomicBool::new(false),
        };
        let four = job(4);
        assert!(four.run_pieces(2).is_none());
        assert_eq!(*order.lock().unwrap(), vec![2, 0, 1, 3]);
        // Everything is claimed now: another participant finds nothing,
        // its home piece included.
        assert!(four.run_pieces(1).is_none());
        assert_eq!(order.lock().unwrap().len(), 4);
        // A home past the job's pieces only sweeps.
        order.lock().unwrap().clear();
        assert!(job(2).run_pieces(5).is_none());
        assert_eq!(*order.lock().unwrap(), vec![0, 1]);
    }

    #[test]
    fn every_piece_runs_once_with_the_callers_isa() {
        use crate::arch::{detected_isa, with_isa, Isa};
        let want = Isa::Portable.min(detected_isa());
        for round in 0..200 {
            let nt = 2 + round % 5;
            let hits: Vec<AtomicUsize> = (0..nt).map(|_| AtomicUsize::new(0)).collect();
            let wrong_isa = AtomicBool::new(false);
            let granted = AtomicUsize::new(0);
            with_isa(Isa::Portable, || {
                parallel_for(nt, &|tid, n| {
                    granted.store(n, Ordering::Relaxed);
                    hits[tid].fetch_add(1, Ordering::Relaxed);
                    if crate::arch::isa() != want {
                        wrong_isa.store(true, Ordering::Relaxed);
                    }
                })
            });
            let n = granted.load(Ordering::Relaxed);
            assert!(n == nt || n == 1, "granted {n} of {nt}");
            for (t, h) in hits.iter().enumerate() {
                assert_eq!(
                    h.load(Ordering::Relaxed),
                    usize::from(t < n),
                    "piece {t} of {n}"
                );
            }
            assert!(
                !wrong_isa.load(Ordering::Relaxed),
                "a piece ran with another ISA"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_forked_child_has_another_process_tag() {
        extern "C" {
            fn fork() -> i32;
            fn waitpid(pid: i32, status: *mut i32, options: i32) -> i32;
            fn _exit(code: i32) -> !;
        }
        let parent = process_tag();
        assert_eq!(process_tag(), parent, "the tag is stable within a process");
        // SAFETY: the child only reads the tag and leaves with _exit.
        let pid = unsafe { fork() };
        assert!(pid >= 0);
        if pid == 0 {
            let code = if process_tag() != parent { 0 } else { 3 };
            // SAFETY: ends the child without running the test harness.
            unsafe { _exit(code) };
        }
        let mut status = 0;
        // SAFETY: our own child, a valid status pointer.
        assert_eq!(unsafe { waitpid(pid, &mut status, 0) }, pid);
        assert_eq!(status, 0, "the child saw its parent's tag");
    }

    #[test]
    fn nested_calls_run_serially() {
        let inner_nt = AtomicUsize::new(99);
        parallel_for(2, &|tid, _| {
            if tid == 1 {
                parallel_for(2, &|_, nt| inner_nt.store(nt, Ordering::Relaxed));
            }
        });
        let v = inner_nt.load(Ordering::Relaxed);
        assert!(v == 1 || v == 99, "nested call got {v} threads");
    }

    #[test]
    fn barrier_orders_phases() {
        let b = Barrier::new(2);
        let stage = AtomicUsize::new(0);
        let ok = AtomicBool::new(true);
        parallel_for(2, &|tid, nt| {
            if nt < 2 {
                return;
            }
            if tid == 0 {
                stage.store(1, Ordering::Release);
            }
            b.wait();
            if stage.load(Ordering::Acquire) != 1 {
                ok.store(false, Ordering::Relaxed);
            }
            b.wait();
        });
        assert!(ok.load(Ordering::Relaxed));
    }
}
