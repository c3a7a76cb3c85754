//! Parent side of a child process: runs one configuration at one thread
//! count in a fresh process (this binary with `--child`), with the
//! configuration's environment, and gathers its result lines. A watchdog
//! kills a child that stays silent too long (a hung library).

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::peers::{self, PeerConfig};
use crate::report::Cell;
use crate::rows::Row;

/// Seconds a child may take to load its library and print INFO.
const LOAD_TIMEOUT_SECS: u64 = 120;

/// Seconds a child may spend on one row before it counts as hung: room for
/// the reference, the warm-up and the repeats at a slow 4 GFLOP/s (and
/// getri's untimed getrf).
fn row_timeout_secs(row: Row) -> f64 {
    120.0 + 8.0 * row.flops() / 4e9
}

/// What one child process reported.
#[derive(Default)]
pub struct ChildOutput {
    pub info: Vec<(String, String)>,
    pub results: Vec<(String, Cell)>,
    pub load_error: Option<String>,
    /// Exit status when not success, with the tail of stderr.
    pub failure: Option<String>,
}

/// Runs `cfg` at `threads` in a child on `rows` (none: probe only), calling
/// `on_result` as each result line arrives.
pub fn run_child(
    cfg: &PeerConfig,
    threads: usize,
    rows: &[Row],
    quick: bool,
    mut on_result: impl FnMut(&str, &Cell),
) -> ChildOutput {
    let mut out = ChildOutput::default();
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            out.load_error = Some(format!("cannot find own executable: {e}"));
            return out;
        }
    };
    let mut cmd = Command::new(exe);
    cmd.arg("--child")
        .arg(cfg.family.key())
        .arg("--threads")
        .arg(threads.to_string());
    if let Some(lib) = &cfg.lib {
        cmd.arg("--lib").arg(lib);
    }
    if !cfg.prefix.is_empty() {
        cmd.arg("--prefix").arg(&cfg.prefix);
    }
    if rows.is_empty() {
        cmd.arg("--probe");
    } else {
        cmd.arg("--rows")
            .arg(rows.iter().map(|r| r.spec()).collect::<Vec<_>>().join(","));
    }
    if quick {
        cmd.arg("--quick");
    }
    for v in peers::CONFIG_VARS.iter().chain(peers::THREAD_VARS) {
        cmd.env_remove(v);
    }
    cmd.envs(cfg.env.iter().map(|(k, v)| (k, v)));
    cmd.envs(peers::thread_env(cfg.family, threads));
    if let Some(dir) = &cfg.lib_dir {
        let old = std::env::var("LD_LIBRARY_PATH").unwrap_or_default();
        let new = if old.is_empty() {
            dir.display().to_string()
        } else {
            format!("{}:{old}", dir.display())
        };
        cmd.env("LD_LIBRARY_PATH", new);
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut proc = match cmd.spawn() {
        Ok(p) => p,
        Err(e) => {
            out.load_error = Some(format!("cannot start child: {e}"));
            return out;
        }
    };
    // Drain stderr on a thread so that a chatty library cannot block the pipe.
    let mut stderr = proc.stderr.take();
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = e.read_to_string(&mut s);
        }
        s
    });
    // Read stdout on a thread too, so that a hung child can be noticed.
    let (tx, rx) = mpsc::channel::<String>();
    if let Some(stdout) = proc.stdout.take() {
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
    }
    let mut deadline = Instant::now() + Duration::from_secs(LOAD_TIMEOUT_SECS);
    let mut current: Option<String> = None;
    let mut timed_out = None;
    loop {
        let wait = deadline.saturating_duration_since(Instant::now());
        let line = match rx.recv_timeout(wait) {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // Our own child, by its handle.
                let _ = proc.kill();
                timed_out = Some(current.clone().unwrap_or_else(|| "loading".into()));
                break;
            }
        };
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            ["START", spec] => {
                let secs = Row::parse_spec(spec).map_or(LOAD_TIMEOUT_SECS as f64, row_timeout_secs);
                deadline = Instant::now() + Duration::from_secs_f64(secs);
                current = Some(spec.to_string());
            }
            ["INFO", k, v] => out.info.push((k.to_string(), v.to_string())),
            ["LOADERROR", msg] => out.load_error = Some(msg.to_string()),
            ["RESULT", spec, status, rest @ ..] => {
                let cell = match (*status, rest) {
                    ("OK", [_median, rate, _reps, _err, _tol, foreign, ..]) => Cell::Ok {
                        rate: rate.parse().unwrap_or(f64::NAN),
                        foreign: foreign.parse().unwrap_or(0.0),
                    },
                    ("FAILED", [err, tol, ..]) => {
                        Cell::Failed(format!("rel err {err} > tol {tol}"))
                    }
                    ("NA", rest) => Cell::NotAvailable(rest.join(" ")),
                    (_, rest) => Cell::Error(rest.join(" ")),
                };
                on_result(spec, &cell);
                out.results.push((spec.to_string(), cell));
            }
            _ => {}
        }
    }
    let status = proc.wait();
    let err_text = err_thread.join().unwrap_or_default();
    if let Some(what) = timed_out {
        out.failure = Some(format!("no answer in time ({what}): child killed, hung?"));
        return out;
    }
    match status {
        Ok(s) if s.success() => {}
        other => {
            let tail: Vec<&str> = err_text.lines().rev().take(3).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            let how = match other {
                Ok(s) => s.to_string(),
                Err(e) => e.to_string(),
            };
            out.failure = Some(format!("child {how}: {}", tail.join(" / ")));
        }
    }
    out
}

/// Loads every candidate in a probe child; keeps those that load, select
/// what they were asked to, and differ from an earlier configuration of the
/// same library.
pub fn probe_configs(candidates: Vec<PeerConfig>, notes: &mut Vec<String>) -> Vec<PeerConfig> {
    let mut kept: Vec<PeerConfig> = Vec::new();
    for mut cfg in candidates {
        let out = run_child(&cfg, 1, &[], false, |_, _| {});
        if let Some(e) = out.load_error.or(out.failure) {
            notes.push(format!("skipped {}: {e}", cfg.label));
            continue;
        }
        cfg.info = out.info;
        let core = cfg.info("core").map(str::to_string);
        if let (Some(want), Some(got)) = (&cfg.expect_core, &core) {
            if want != got {
                notes.push(format!(
                    "skipped {}: asked for {want}, library chose {got}",
                    cfg.label
                ));
                continue;
            }
        }
        if let Some(core) = &core {
            if let Some(same) = kept
                .iter()
                .find(|k| k.base == cfg.base && k.info("core") == Some(core.as_str()))
            {
                let how: Vec<String> = cfg.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
                notes.push(format!(
                    "not run {} ({}): selects core {core}, same as {}",
                    cfg.label,
                    how.join(" "),
                    same.label
                ));
                continue;
            }
        }
        kept.push(cfg);
    }
    kept
}
