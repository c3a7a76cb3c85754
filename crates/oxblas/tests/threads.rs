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
    let mut status = 0i32;
    // SAFETY: waiting for our own child with a valid status pointer.
    let r = unsafe { waitpid(pid, &mut status, 0) };
    assert_eq!(r, pid);
    // WIFEXITED && WEXITSTATUS == 0 (a hang would time the test out).
    assert_eq!(
        status & 0x7f,
        0,
        "child died from a signal: status {status}"
    );
    assert_eq!((status >> 8) & 0xff, 0, "child computed a different result");
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
        r.contains("isa=") && r.contains("L1d=") && r.contains("MC=") && r.contains("threads="),
        "{r}"
    );
}
