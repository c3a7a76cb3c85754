//! Repeat a call until enough samples and enough time have passed; report
//! the median. Also: how much of the machine other processes used meanwhile
//! (the machine is shared, and has only a few cores).

use std::time::Instant;

#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub min_reps: usize,
    pub max_reps: usize,
    /// Keep repeating (up to `max_reps`) until this many seconds are spent.
    pub min_secs: f64,
}

impl Plan {
    /// Full runs: >= 5 repeats and >= 0.3 s, at most 50; the huge rows
    /// (seconds per call for the slow peers) exactly 3.
    /// Quick runs: >= 3 repeats and >= 0.05 s, at most 20.
    pub fn for_row(huge: bool, quick: bool) -> Plan {
        match (huge, quick) {
            (true, _) => Plan {
                min_reps: 3,
                max_reps: 3,
                min_secs: 0.0,
            },
            (false, false) => Plan {
                min_reps: 5,
                max_reps: 50,
                min_secs: 0.3,
            },
            (false, true) => Plan {
                min_reps: 3,
                max_reps: 20,
                min_secs: 0.05,
            },
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Stats {
    pub median: f64,
    pub reps: usize,
    /// Cores' worth of CPU time other processes used while this ran.
    pub foreign: f64,
}

/// Linux reports /proc times in USER_HZ ticks, 100 per second.
const TICKS_PER_SEC: f64 = 100.0;

/// CPU seconds all CPUs spent busy (or stolen by the hypervisor) since boot.
pub fn machine_busy_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let v: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal ...
    let busy =
        v.first()? + v.get(1)? + v.get(2)? + v.get(5)? + v.get(6)? + v.get(7).unwrap_or(&0.0);
    Some(busy / TICKS_PER_SEC)
}

/// CPU seconds this process (all its threads) has used.
fn own_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the line.
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / TICKS_PER_SEC)
}

/// Measures the CPU use of other processes over an interval.
pub struct ForeignLoad {
    t0: Instant,
    busy0: Option<f64>,
    own0: Option<f64>,
}

impl ForeignLoad {
    pub fn start() -> ForeignLoad {
        ForeignLoad {
            t0: Instant::now(),
            busy0: machine_busy_secs(),
            own0: own_cpu_secs(),
        }
    }

    /// Average cores' worth used by other processes since `start` (0 when
    /// /proc cannot be read). Tick granularity: meaningful over >= ~0.2 s.
    pub fn cores(&self) -> f64 {
        let wall = self.t0.elapsed().as_secs_f64();
        match (self.busy0, self.own0, machine_busy_secs(), own_cpu_secs()) {
            (Some(b0), Some(o0), Some(b1), Some(o1)) if wall > 0.0 => {
                (((b1 - b0) - (o1 - o0)) / wall).max(0.0)
            }
            _ => 0.0,
        }
    }
}

/// Foreign load above this many cores marks a measurement as disturbed.
pub const DISTURBED_CORES: f64 = 0.25;

/// Samples `f` (already warmed up by the caller; each call returns the
/// seconds it timed) according to `plan`.
pub fn measure(plan: Plan, mut f: impl FnMut() -> f64) -> Stats {
    let mut samples = Vec::with_capacity(plan.max_reps);
    let load = ForeignLoad::start();
    let start = Instant::now();
    while samples.len() < plan.max_reps
        && (samples.len() < plan.min_reps || start.elapsed().as_secs_f64() < plan.min_secs)
    {
        samples.push(f());
    }
    let reps = samples.len();
    Stats {
        median: median(&mut samples),
        reps,
        foreign: load.cores(),
    }
}

pub fn median(xs: &mut [f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    xs.sort_by(|a, b| a.total_cmp(b));
    let mid = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[mid]
    } else {
        0.5 * (xs[mid - 1] + xs[mid])
    }
}

/// Waits (up to `max_secs`) until other processes use less than
/// `DISTURBED_CORES` over a one-second window. Returns the seconds waited.
pub fn wait_until_quiet(max_secs: f64) -> f64 {
    let start = Instant::now();
    loop {
        let b0 = machine_busy_secs();
        let t0 = Instant::now();
        std::thread::sleep(std::time::Duration::from_millis(500));
        let busy = match (b0, machine_busy_secs()) {
            (Some(b0), Some(b1)) => (b1 - b0) / t0.elapsed().as_secs_f64(),
            _ => return 0.0,
        };
        let waited = start.elapsed().as_secs_f64();
        if busy < DISTURBED_CORES || waited >= max_secs {
            return waited;
        }
    }
}
