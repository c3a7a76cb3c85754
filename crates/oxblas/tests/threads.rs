//! The pool under real use: after fork() (the child builds a fresh pool
//! instead of waiting on threads that do not exist), concurrent callers from
//! many threads (each gets a correct, bitwise-identical result), and the
//! thread-count knobs.

mod common;
use common::*;
use oxblas::{gemm, with_num_threads, MatMut, MatRef, Op};

fn product(n: usize, seed: u64, threads: usize) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    let a: Vec<f64> = (0..n * n).map(|_| rng.uniform()).collect();
    let b: Vec<f64> = (0..n * n).map(|_| rng.uniform()).collect();
    let mut c = vec![0.0; n * n];
    with_num_threads(threads, || {
        gemm(
            Op::NoTrans,
            Op::Trans,
            1.0,
            MatRef::col_major(&a, n, n, n).unwrap(),
            MatRef::col_major(&b, n, n, n).unwrap(),
            0.0,
            MatMut::col_major(&mut c, n, n, n).unwrap(),
        )
        .unwrap()
    });
    c
}

extern "C" {
    fn sched_setaffinity(pid: i32, cpusetsize: usize, mask: *const u64) -> i32;
    fn fork() -> i32;
    fn waitpid(pid: i32, status: *mut i32, options: i32) -> i32;
    fn _exit(code: i32) -> !;
}

#[test]
fn gemm_works_in_a_forked_child() {
    // Warm the pool in the parent so worker threads exist at fork time.
    let expect = product(300, 1, 2);
    // SAFETY: fork() in a test process; the child only runs oxblas code and
    // leaves with _exit, never returning into the test harness.
    let pid = unsafe { fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let got = product(300, 1, 2);
        let code = if got == expect { 0 } else { 3 };
        // SAFETY: terminate the child immediately, without running the
        // parent's atexit handlers or test harness.
        unsafe { _exit(code) };
    }
    // WIFEXITED && WEXITSTATUS == 0 (a hang would time the test out).
    expect_child_ok(pid, "forked");
}

/// Waits for child `pid` and asserts it exited with status 0.
fn expect_child_ok(pid: i32, what: &str) {
    let mut status = 0i32;
    // SAFETY: waiting for our own child with a valid status pointer.
    let r = unsafe { waitpid(pid, &mut status, 0) };
    assert_eq!(r, pid);
    assert_eq!(
        status & 0x7f,
        0,
        "{what}: child died from a signal: status {status}"
    );
    assert_eq!(
        (status >> 8) & 0xff,
        0,
        "{what}: child computed a different result"
    );
}

#[test]
fn two_thread_calls_on_one_cpu_finish_with_identical_bits() {
    // On a single CPU the pool's worker runs only when the caller is
    // descheduled: the caller claims the pieces the worker has not started
    // (work claiming), and every result keeps the bits of the 1-thread run.
    // Blocked with B packed (NT), unpacked threaded (small k), A in place
    // (few columns).
    let shapes = [(300usize, 1), (150, 2)];
    let expect: Vec<Vec<f64>> = shapes.iter().map(|&(n, s)| product(n, s, 1)).collect();
    let skinny = |threads: usize| {
        let mut rng = Rng::new(5);
        let (m, n, k) = (2000usize, 40usize, 700usize);
        let a: Vec<f64> = (0..m * k).map(|_| rng.uniform()).collect();
        let b: Vec<f64> = (0..k * n).map(|_| rng.uniform()).collect();
        let mut c = vec![0.0; m * n];
        with_num_threads(threads, || {
            gemm(
                Op::NoTrans,
                Op::NoTrans,
                1.0,
                MatRef::col_major(&a, m, k, m).unwrap(),
                MatRef::col_major(&b, k, n, k).unwrap(),
                0.0,
                MatMut::col_major(&mut c, m, n, m).unwrap(),
            )
            .unwrap()
        });
        c
    };
    let expect_skinny = skinny(1);
    // SAFETY: fork() in a test process; the child only runs oxblas code and
    // leaves with _exit, never returning into the test harness.
    let pid = unsafe { fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        // CPU 0 only, for this (the child's only) thread and every thread it
        // starts, so the pool the child builds shares one CPU.
        let mut mask = [0u64; 16];
        mask[0] = 1;
        // SAFETY: a valid cpu_set_t-sized mask for the calling thread.
        let pinned = unsafe { sched_setaffinity(0, core::mem::size_of_val(&mask), mask.as_ptr()) };
        let mut ok = pinned == 0;
        for round in 0..20 {
            for (&(n, s), e) in shapes.iter().zip(&expect) {
                ok &= product(n, s, 2 + round % 2) == *e;
            }
            ok &= skinny(2) == expect_skinny;
        }
        // SAFETY: terminate the child immediately, without running the
        // parent's atexit handlers or test harness.
        unsafe { _exit(if ok { 0 } else { 3 }) };
    }
    expect_child_ok(pid, "one CPU");
}

#[test]
fn many_threads_calling_at_once_get_identical_results() {
    let expect = product(200, 7, 1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..6)
            .map(|i| s.spawn(move || product(200, 7, 1 + i % 3)))
            .collect();
        for h in handles {
            assert!(
                h.join().unwrap() == expect,
                "a concurrent call changed the result"
            );
        }
    });
}

#[test]
fn thread_knobs() {
    let before = oxblas::num_threads();
    assert!(before >= 1);
    with_num_threads(3, || assert_eq!(oxblas::num_threads(), 3));
    assert_eq!(oxblas::num_threads(), before);
    with_num_threads(0, || assert_eq!(oxblas::num_threads(), 1));
}

#[test]
fn config_report_names_the_isa_and_caches() {
    let r = oxblas::config_report();
    assert!(
        r.contains("isa=") && r.contains("L1d=") && r.contains("threads="),
        "{r}"
    );
    // One block entry per type: `t=MRxNR/MC/KC/NC`, all positive, MC a
    // multiple of MR and NC of NR.
    for t in ["s", "d", "c", "z"] {
        let key = format!(" {t}=");
        let at = r
            .find(&key)
            .unwrap_or_else(|| panic!("no {t} blocks in {r}"))
            + key.len();
        let entry: String = r[at..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ',')
            .collect();
        let nums: Vec<usize> = entry
            .split(['x', '/'])
            .map(|v| v.parse().unwrap_or_else(|_| panic!("{t}: {entry}")))
            .collect();
        assert_eq!(nums.len(), 5, "{t}: {entry}");
        let (mr, nr, mc, kc, nc) = (nums[0], nums[1], nums[2], nums[3], nums[4]);
        assert!(mr > 0 && nr > 0 && kc > 0, "{t}: {entry}");
        assert!(
            mc % mr == 0 && mc > 0 && nc % nr == 0 && nc > 0,
            "{t}: {entry}"
        );
    }
}
