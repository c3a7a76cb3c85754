//! The results table, as aligned text (stdout) and as Markdown (`--markdown`).

use std::collections::HashMap;

use crate::peak::{self, Peak};
use crate::peers::PeerConfig;
use crate::rows::Row;
use crate::timing::DISTURBED_CORES;

/// One measurement of one configuration on one row at one thread count.
#[derive(Clone, Debug)]
pub enum Cell {
    /// GFLOP/s, and the cores' worth other processes used meanwhile.
    Ok { gflops: f64, foreign: f64 },
    /// Wrong result: relative error and tolerance.
    Failed(String),
    /// Did not run (error message, crash).
    Error(String),
}

/// Key of a cell: (row spec, threads, configuration label).
pub type Key = (String, usize, String);

pub struct Report<'a> {
    pub rows: &'a [Row],
    pub threads: &'a [usize],
    /// Configurations that ran; the first is oxblas.
    pub configs: &'a [PeerConfig],
    pub peaks: &'a [Peak],
    pub cells: &'a HashMap<Key, Cell>,
    /// (name, value) lines of the header: date, CPU, command, ...
    pub header: Vec<(String, String)>,
    /// Peers found / skipped.
    pub notes: &'a [String],
}

/// One table line, computed once for both renderings.
struct Line {
    row: Row,
    threads: usize,
    cells: Vec<Option<Cell>>,
    ox: Option<f64>,
    best: Option<(String, f64)>,
    share: Option<f64>,
}

fn fmt_cell(c: &Option<Cell>) -> String {
    match c {
        Some(Cell::Ok { gflops, foreign }) => {
            let mark = if *foreign > DISTURBED_CORES { "~" } else { "" };
            format!("{gflops:.1}{mark}")
        }
        Some(Cell::Failed(_)) => "FAILED".into(),
        Some(Cell::Error(_)) => "ERR".into(),
        None => "-".into(),
    }
}

fn ok(c: &Option<Cell>) -> Option<f64> {
    match c {
        Some(Cell::Ok { gflops, .. }) => Some(*gflops),
        _ => None,
    }
}

impl Report<'_> {
    fn lines(&self) -> Vec<Line> {
        let mut out = Vec::new();
        for row in self.rows {
            for &t in self.threads {
                let cells: Vec<Option<Cell>> = self
                    .configs
                    .iter()
                    .map(|c| self.cells.get(&(row.spec(), t, c.label.clone())).cloned())
                    .collect();
                let ox = ok(&cells[0]);
                let best = self.configs[1..]
                    .iter()
                    .zip(&cells[1..])
                    .filter_map(|(c, cell)| ok(cell).map(|g| (c.label.clone(), g)))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                let roof = peak::roof(self.peaks, row.ty.is_double(), t);
                let share = match (ox, roof) {
                    (Some(g), Some(r)) if r > 0.0 => Some(100.0 * g / r),
                    _ => None,
                };
                out.push(Line {
                    row: *row,
                    threads: t,
                    cells,
                    ox,
                    best,
                    share,
                });
            }
        }
        out
    }

    fn columns(&self) -> Vec<String> {
        let mut cols: Vec<String> = vec!["op".into(), "shape".into(), "thr".into()];
        cols.extend(self.configs.iter().map(|c| c.label.clone()));
        cols.extend([
            "best peer".into(),
            "best".into(),
            "ox/best".into(),
            "%peak".into(),
        ]);
        cols
    }

    fn cells_of(&self, l: &Line) -> Vec<String> {
        let mut v = vec![
            l.row.op_name(),
            format!("{} {}", l.row.ops(), l.row.shape()),
            l.threads.to_string(),
        ];
        v.extend(l.cells.iter().map(fmt_cell));
        match &l.best {
            Some((name, g)) => {
                v.push(name.clone());
                v.push(format!("{g:.1}"));
                v.push(l.ox.map(|o| format!("{:.2}", o / g)).unwrap_or("-".into()));
            }
            None => v.extend(["-".to_string(), "-".into(), "-".into()]),
        }
        v.push(l.share.map(|s| format!("{s:.0}%")).unwrap_or("-".into()));
        v
    }

    /// Per thread count: geometric mean of oxblas / best peer, and wins.
    fn summary(&self, lines: &[Line]) -> Vec<String> {
        let mut out = Vec::new();
        for &t in self.threads {
            let ratios: Vec<f64> = lines
                .iter()
                .filter(|l| l.threads == t)
                .filter_map(|l| Some(l.ox? / l.best.as_ref()?.1))
                .collect();
            if ratios.is_empty() {
                continue;
            }
            let geo = (ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp();
            let wins = ratios.iter().filter(|&&r| r >= 1.0).count();
            out.push(format!(
                "{t} thread(s): oxblas / best peer geometric mean {geo:.2}; oxblas at least as fast on {wins} of {} rows",
                ratios.len()
            ));
        }
        let ok: Vec<f64> = self
            .cells
            .values()
            .filter_map(|c| match c {
                Cell::Ok { foreign, .. } => Some(*foreign),
                _ => None,
            })
            .collect();
        let disturbed = ok.iter().filter(|&&f| f > DISTURBED_CORES).count();
        out.push(format!(
            "{disturbed} of {} measurements ran while other processes used > {DISTURBED_CORES} core (marked ~)",
            ok.len()
        ));
        out
    }

    /// For each peer library: which of its configurations was fastest most often.
    fn best_configs(&self, lines: &[Line]) -> Vec<String> {
        let mut bases: Vec<&str> = Vec::new();
        for c in &self.configs[1..] {
            if !bases.contains(&c.base.as_str()) {
                bases.push(&c.base);
            }
        }
        let mut out = Vec::new();
        for base in bases {
            let idx: Vec<usize> = (0..self.configs.len())
                .filter(|&i| self.configs[i].base == base)
                .collect();
            let mut wins: HashMap<usize, usize> = HashMap::new();
            let mut total = 0;
            for l in lines {
                let best = idx
                    .iter()
                    .filter_map(|&i| ok(&l.cells[i]).map(|g| (i, g)))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((i, _)) = best {
                    *wins.entry(i).or_default() += 1;
                    total += 1;
                }
            }
            let mut w: Vec<(usize, usize)> = wins.into_iter().collect();
            w.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let parts: Vec<String> = w
                .iter()
                .map(|(i, n)| format!("{} {n}/{total}", self.configs[*i].label))
                .collect();
            out.push(format!(
                "{base}: fastest configuration per row: {}",
                parts.join(", ")
            ));
        }
        out
    }

    fn failures(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for row in self.rows {
            for &t in self.threads {
                for c in self.configs {
                    match self.cells.get(&(row.spec(), t, c.label.clone())) {
                        Some(Cell::Failed(m)) => v.push(format!(
                            "{} t={t} {}: FAILED check ({m})",
                            row.label(),
                            c.label
                        )),
                        Some(Cell::Error(m)) => {
                            v.push(format!("{} t={t} {}: {m}", row.label(), c.label))
                        }
                        _ => {}
                    }
                }
            }
        }
        v
    }

    fn peak_lines(&self) -> Vec<(String, String, usize, f64)> {
        self.peaks
            .iter()
            .map(|p| (p.isa.to_string(), p.real.to_string(), p.threads, p.gflops))
            .collect()
    }

    fn config_lines(&self) -> Vec<String> {
        self.configs
            .iter()
            .map(|c| {
                let info: Vec<String> = c.info.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("{}: {} [{}]", c.label, c.desc, info.join("; "))
            })
            .collect()
    }

    pub fn text(&self) -> String {
        let mut s = String::new();
        for (k, v) in &self.header {
            s += &format!("{k}: {v}\n");
        }
        s += "measured peak (GFLOP/s):";
        for (isa, real, t, g) in self.peak_lines() {
            s += &format!(" {isa}/{real}/{t}t={g:.1}");
        }
        s += "\n\nconfigurations:\n";
        for l in self.config_lines() {
            s += &format!("  {l}\n");
        }
        for n in self.notes {
            s += &format!("  {n}\n");
        }
        s += "\nGFLOP/s (median); ox/best = oxblas / best peer; %peak = oxblas / measured FMA peak of the best ISA;\n";
        s += &format!("~ = other processes used > {DISTURBED_CORES} core meanwhile (quietest of up to 3 tries kept)\n");
        let lines = self.lines();
        let cols = self.columns();
        let body: Vec<Vec<String>> = lines.iter().map(|l| self.cells_of(l)).collect();
        let widths: Vec<usize> = (0..cols.len())
            .map(|i| {
                body.iter()
                    .map(|r| r[i].len())
                    .chain([cols[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let fmt_row = |r: &[String]| -> String {
            r.iter()
                .enumerate()
                .map(|(i, x)| {
                    if i < 2 {
                        format!("{x:<w$}", w = widths[i])
                    } else {
                        format!("{x:>w$}", w = widths[i])
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
        };
        s += &fmt_row(&cols);
        s += "\n";
        for r in &body {
            s += &fmt_row(r);
            s += "\n";
        }
        s += "\n";
        for l in self
            .summary(&lines)
            .into_iter()
            .chain(self.best_configs(&lines))
            .chain(self.failures())
        {
            s += &format!("{l}\n");
        }
        s
    }

    pub fn markdown(&self) -> String {
        let mut s = String::from("# oxblas GEMM benchmark\n\n");
        for (k, v) in &self.header {
            s += &format!("- **{k}**: `{v}`\n");
        }
        s += "\n## Measured FMA peak (GFLOP/s)\n\n| ISA | type | threads | GFLOP/s |\n|---|---|---|---|\n";
        for (isa, real, t, g) in self.peak_lines() {
            s += &format!("| {isa} | {real} | {t} | {g:.1} |\n");
        }
        s += "\n## Configurations\n\n";
        for l in self.config_lines() {
            s += &format!("- {l}\n");
        }
        for n in self.notes {
            s += &format!("- {n}\n");
        }
        s += "\n## GEMM, GFLOP/s (median)\n\n";
        s += "`ox/best` = oxblas / best peer; `%peak` = oxblas / measured FMA peak of the best ISA at that thread count \
              (complex: 8mnk flops against the real roof); `~` = other processes used more than \
              a quarter core during the measurement (the quietest of up to 3 tries is kept).\n\n";
        let lines = self.lines();
        let cols = self.columns();
        s += &format!("| {} |\n", cols.join(" | "));
        s += &format!(
            "|{}\n",
            cols.iter()
                .enumerate()
                .map(|(i, _)| if i < 2 { "---|" } else { "---:|" })
                .collect::<String>()
        );
        for l in &lines {
            s += &format!("| {} |\n", self.cells_of(l).join(" | "));
        }
        s += "\n## Summary\n\n";
        for l in self
            .summary(&lines)
            .into_iter()
            .chain(self.best_configs(&lines))
        {
            s += &format!("- {l}\n");
        }
        let f = self.failures();
        if !f.is_empty() {
            s += "\n## Failures\n\n";
            for l in f {
                s += &format!("- {l}\n");
            }
        }
        s
    }
}

/// `YYYY-MM-DD HH:MM UTC` from the system clock.
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Days since 1970-01-01 to a civil date (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// The CPU's model name and logical CPU count, from /proc/cpuinfo.
pub fn cpu_model() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    let n = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    format!("{model} ({n} logical CPUs)")
}
