//! The results table, as aligned text (stdout) and as Markdown
//! (`--markdown`): one section per suite (GEMM, BLAS, LAPACK), built from
//! the same lines for both renderings.

use std::collections::HashMap;

use crate::bandwidth::{self, Roof};
use crate::peak::{self, Peak};
use crate::peers::PeerConfig;
use crate::rows::{Row, Suite};
use crate::timing::DISTURBED_CORES;

/// One measurement of one configuration on one row at one thread count.
#[derive(Clone, Debug)]
pub enum Cell {
    /// GFLOP/s (GB/s for Level 1/2 rows), and the cores' worth other
    /// processes used meanwhile.
    Ok { rate: f64, foreign: f64 },
    /// Wrong result: relative error and tolerance.
    Failed(String),
    /// Did not run (error message, crash).
    Error(String),
    /// The library lacks the routine (missing symbol, no LAPACK).
    NotAvailable(String),
}

/// One cell from the rounds of a run: the median rate over the rounds
/// (the mean of the middle two for an even count) and the foreign load of
/// the round(s) it came from, when every round measured; otherwise the first round that
/// did not (a wrong result or a crash in any round stands).
pub fn median_cell(mut cells: Vec<Cell>) -> Cell {
    let measured: Vec<(f64, f64)> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Ok { rate, foreign } => Some((*rate, *foreign)),
            _ => None,
        })
        .collect();
    if measured.len() < cells.len() || cells.is_empty() {
        let i = cells
            .iter()
            .position(|c| !matches!(c, Cell::Ok { .. }))
            .unwrap_or(0);
        return if cells.is_empty() {
            Cell::Error("no result".into())
        } else {
            cells.swap_remove(i)
        };
    }
    let mut measured = measured;
    measured.sort_by(|a, b| a.0.total_cmp(&b.0));
    let h = measured.len() / 2;
    // The middle round(s) give the rate and the other processes' load
    // (the larger of two): a median taken from a disturbed round is marked.
    let (rate, foreign) = if measured.len() % 2 == 1 {
        measured[h]
    } else {
        let (a, b) = (measured[h - 1], measured[h]);
        ((a.0 + b.0) / 2.0, a.1.max(b.1))
    };
    Cell::Ok { rate, foreign }
}

/// Key of a cell: (row spec, threads, configuration label).
pub type Key = (String, usize, String);

pub struct Report<'a> {
    pub rows: &'a [Row],
    pub threads: &'a [usize],
    /// Configurations that ran; the first is oxblas.
    pub configs: &'a [PeerConfig],
    pub peaks: &'a [Peak],
    /// Bandwidth roofs (empty when the blas suite did not run).
    pub roofs: &'a [Roof],
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
    /// The roof the row is shared against: (name, value).
    roof: Option<(String, f64)>,
    share: Option<f64>,
    /// oxblas on this row / oxblas dgemm at the same n (Level 3, LAPACK).
    vs_gemm: Option<f64>,
}

fn fmt_cell(c: &Option<Cell>) -> String {
    match c {
        Some(Cell::Ok { rate, foreign }) => {
            let mark = if *foreign > DISTURBED_CORES { "~" } else { "" };
            format!("{rate:.1}{mark}")
        }
        Some(Cell::Failed(_)) => "FAILED".into(),
        Some(Cell::Error(_)) => "ERR".into(),
        Some(Cell::NotAvailable(_)) => "n/a".into(),
        None => "-".into(),
    }
}

fn ok(c: &Option<Cell>) -> Option<f64> {
    match c {
        Some(Cell::Ok { rate, .. }) => Some(*rate),
        _ => None,
    }
}

fn suite_title(suite: Suite) -> &'static str {
    match suite {
        Suite::Gemm => "GEMM, GFLOP/s (median)",
        Suite::Blas => "BLAS Level 1/2 (GB/s) and Level 3 (GFLOP/s), double, median",
        Suite::Lapack => "LAPACK, double, GFLOP/s (median)",
    }
}

fn suite_legend(suite: Suite) -> &'static str {
    match suite {
        Suite::Gemm => {
            "ox/best = oxblas / best peer; %peak = oxblas / measured FMA peak of the best ISA at that \
             thread count (complex: 8mnk flops against the real roof)"
        }
        Suite::Blas => {
            "Level 1/2 in GB/s of the bytes the routine must move (operands read once, outputs \
             written once; trsv/symv read one triangle); roof = measured bandwidth of the level \
             holding 3/4 of the working set (L1/L2: per core x threads; DRAM rows that write: \
             triad), %roof = oxblas / roof. Level 3 in GFLOP/s (n^3 for syrk/trsm/trmm, 2n^3 \
             for symm), roof = FMA peak; ox/dgemm = oxblas / oxblas dgemm NN at the same n. \
             Level 1/2 timings loop the call for >= 1 ms"
        }
        Suite::Lapack => {
            "flops: getrf 2/3 n^3, potrf 1/3 n^3, geqrf 4/3 n^3, getri 4/3 n^3 (after an untimed \
             getrf by the same library), gesv 2/3 n^3 + 2n^2 (one right-hand side); inputs \
             restored (untimed) before each call; roof = FMA peak; ox/dgemm = oxblas / oxblas \
             dgemm NN at the same n. Every result is checked by sampled residuals \
             (P A = L U, A = L L^T, R^T R = A^T A, A A^-1 = I, A x = b)"
        }
    }
}

impl Report<'_> {
    fn rate(&self, row: &Row, t: usize, cfg: &str) -> Option<f64> {
        ok(&self.cells.get(&(row.spec(), t, cfg.to_string())).cloned())
    }

    fn suites(&self) -> Vec<Suite> {
        Suite::ALL
            .into_iter()
            .filter(|s| self.rows.iter().any(|r| r.routine.suite() == *s))
            .collect()
    }

    fn lines(&self, suite: Suite) -> Vec<Line> {
        let mut out = Vec::new();
        for row in self.rows.iter().filter(|r| r.routine.suite() == suite) {
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
                let roof = if row.routine.bandwidth_bound() {
                    bandwidth::roof_for(self.roofs, row, t)
                        .map(|r| (format!("{} {}", r.level, r.kind), r.gbs))
                } else {
                    peak::roof(self.peaks, row.ty.is_double(), t).map(|g| ("FMA".into(), g))
                };
                let share = match (ox, &roof) {
                    (Some(g), Some((_, r))) if *r > 0.0 => Some(100.0 * g / r),
                    _ => None,
                };
                let vs_gemm = row
                    .gemm_companion()
                    .and_then(|c| Some(ox? / self.rate(&c, t, &self.configs[0].label)?));
                out.push(Line {
                    row: *row,
                    threads: t,
                    cells,
                    ox,
                    best,
                    roof,
                    share,
                    vs_gemm,
                });
            }
        }
        out
    }

    fn columns(&self, suite: Suite) -> Vec<String> {
        let mut cols: Vec<String> = vec!["op".into(), "shape".into(), "thr".into()];
        cols.extend(self.configs.iter().map(|c| c.label.clone()));
        cols.extend(["best peer".into(), "best".into(), "ox/best".into()]);
        match suite {
            Suite::Gemm => cols.push("%peak".into()),
            Suite::Blas => cols.extend(["unit".into(), "roof".into(), "%roof".into()]),
            Suite::Lapack => cols.push("%peak".into()),
        }
        if suite != Suite::Gemm {
            cols.push("ox/dgemm".into());
        }
        cols
    }

    fn cells_of(&self, suite: Suite, l: &Line) -> Vec<String> {
        let mut v = vec![
            l.row.op_name(),
            l.row.label()[l.row.op_name().len()..].trim().to_string(),
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
        if suite == Suite::Blas {
            v.push(l.row.unit().into());
            v.push(
                l.roof
                    .as_ref()
                    .map(|(n, r)| format!("{n} {r:.1}"))
                    .unwrap_or("-".into()),
            );
        }
        v.push(l.share.map(|s| format!("{s:.0}%")).unwrap_or("-".into()));
        if suite != Suite::Gemm {
            v.push(
                l.vs_gemm
                    .map(|r| format!("{:.0}%", 100.0 * r))
                    .unwrap_or("-".into()),
            );
        }
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
        out
    }

    /// How many measurements ran disturbed (all suites).
    fn disturbed(&self) -> String {
        let ok: Vec<f64> = self
            .cells
            .values()
            .filter_map(|c| match c {
                Cell::Ok { foreign, .. } => Some(*foreign),
                _ => None,
            })
            .collect();
        let disturbed = ok.iter().filter(|&&f| f > DISTURBED_CORES).count();
        format!(
            "{disturbed} of {} measurements ran while other processes used > {DISTURBED_CORES} core (marked ~)",
            ok.len()
        )
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
        let mut missing: Vec<String> = Vec::new();
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
                        Some(Cell::NotAvailable(m)) => {
                            let l = format!("{} {}: n/a ({m})", row.op_name(), c.label);
                            if !missing.contains(&l) {
                                missing.push(l);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        v.extend(missing);
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

    /// Every suite's lines, for the per-library best-configuration count.
    fn all_lines(&self) -> Vec<Line> {
        self.suites()
            .into_iter()
            .flat_map(|s| self.lines(s))
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
        s += "\n";
        if !self.roofs.is_empty() {
            s += "measured bandwidth (GB/s):";
            for r in self.roofs {
                s += &format!(" {}-{}/{}t={:.1}", r.level, r.kind, r.threads, r.gbs);
            }
            s += "\n";
        }
        s += "\nconfigurations:\n";
        for l in self.config_lines() {
            s += &format!("  {l}\n");
        }
        for n in self.notes {
            s += &format!("  {n}\n");
        }
        for suite in self.suites() {
            s += &format!("\n== {}\n{}.\n", suite_title(suite), suite_legend(suite));
            s += &format!("~ = other processes used > {DISTURBED_CORES} core meanwhile (quietest of up to 3 tries kept)\n");
            let lines = self.lines(suite);
            let cols = self.columns(suite);
            let body: Vec<Vec<String>> = lines.iter().map(|l| self.cells_of(suite, l)).collect();
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
            for l in self.summary(&lines) {
                s += &format!("{l}\n");
            }
        }
        s += "\n";
        let all = self.all_lines();
        for l in [self.disturbed()]
            .into_iter()
            .chain(self.best_configs(&all))
            .chain(self.failures())
        {
            s += &format!("{l}\n");
        }
        s
    }

    pub fn markdown(&self) -> String {
        let mut s = String::from("# oxblas benchmark\n\n");
        for (k, v) in &self.header {
            s += &format!("- **{k}**: `{v}`\n");
        }
        s += "\n## Measured FMA peak (GFLOP/s)\n\n| ISA | type | threads | GFLOP/s |\n|---|---|---|---|\n";
        for (isa, real, t, g) in self.peak_lines() {
            s += &format!("| {isa} | {real} | {t} | {g:.1} |\n");
        }
        if !self.roofs.is_empty() {
            s += "\n## Measured bandwidth (GB/s)\n\nread = AVX-512/AVX2 vector sum of a buffer; copy/triad = STREAM-like \
                  (16 / 24 bytes an element).\n\n| level | kernel | threads | buffer | GB/s |\n|---|---|---|---:|---:|\n";
            for r in self.roofs {
                s += &format!(
                    "| {} | {} | {} | {} KiB | {:.1} |\n",
                    r.level,
                    r.kind,
                    r.threads,
                    r.bytes >> 10,
                    r.gbs
                );
            }
        }
        s += "\n## Configurations\n\n";
        for l in self.config_lines() {
            s += &format!("- {l}\n");
        }
        for n in self.notes {
            s += &format!("- {n}\n");
        }
        for suite in self.suites() {
            s += &format!("\n## {}\n\n", suite_title(suite));
            s += &format!(
                "{}. `~` = other processes used more than a quarter core during the measurement \
                 (the quietest of up to 3 tries is kept); n/a = the library lacks the routine.\n\n",
                suite_legend(suite)
            );
            let lines = self.lines(suite);
            let cols = self.columns(suite);
            s += &format!("| {} |\n", cols.join(" | "));
            s += &format!(
                "|{}\n",
                cols.iter()
                    .enumerate()
                    .map(|(i, _)| if i < 2 { "---|" } else { "---:|" })
                    .collect::<String>()
            );
            for l in &lines {
                s += &format!("| {} |\n", self.cells_of(suite, l).join(" | "));
            }
            s += "\n";
            for l in self.summary(&lines) {
                s += &format!("- {l}\n");
            }
        }
        s += "\n## Summary\n\n";
        let all = self.all_lines();
        for l in [self.disturbed()]
            .into_iter()
            .chain(self.best_configs(&all))
        {
            s += &format!("- {l}\n");
        }
        let f = self.failures();
        if !f.is_empty() {
            s += "\n## Failures and missing routines\n\n";
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_over_rounds() {
        let ok = |rate: f64| Cell::Ok {
            rate,
            foreign: rate / 100.0,
        };
        match median_cell(vec![ok(3.0), ok(1.0), ok(2.0)]) {
            Cell::Ok { rate, foreign } => assert_eq!((rate, foreign), (2.0, 0.02)),
            _ => panic!("three measured rounds give a measurement"),
        }
        match median_cell(vec![ok(4.0), ok(1.0)]) {
            Cell::Ok { rate, foreign } => assert_eq!((rate, foreign), (2.5, 0.04)),
            _ => panic!("two measured rounds give a measurement"),
        }
        assert!(matches!(
            median_cell(vec![ok(1.0), Cell::Failed("x".into()), ok(2.0)]),
            Cell::Failed(_)
        ));
        assert!(matches!(median_cell(Vec::new()), Cell::Error(_)));
    }
}
