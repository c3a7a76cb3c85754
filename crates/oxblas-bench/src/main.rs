//! `oxblas-bench`: oxblas GEMM against OpenBLAS, BLIS, MKL and faer, side by
//! side in one run.
//!
//! The parent measures the FMA peak, finds the peers, then runs every
//! (configuration, thread count) in a child process of its own (this binary
//! again, with `--child`), so that symbol names and library-global state
//! never collide. Children print tab-separated lines (see `child.rs`), which
//! the parent gathers into one table.

mod bandwidth;
mod child;
#[cfg(feature = "faer")]
mod faer_peer;
mod peak;
mod peers;
mod report;
mod rng;
mod routines;
mod rows;
mod spawn;
mod timing;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use peers::Family;
use report::{Cell, Key};
use rows::{Row, Suite};
use spawn::{probe_configs, run_child};

const USAGE: &str = "\
usage: oxblas-bench [--quick] [--suite gemm,blas,lapack] [--filter SUBSTR] [--max-dim N]
                    [--threads 1,2] [--peers LABEL,...] [--rounds R]
                    [--round-max-dim N] [--markdown PATH]

  --quick           smaller sizes (GEMM up to n=1024, BLAS n=256, vectors up
                    to 1e6, LAPACK 64 and 512) and fewer repeats (smoke test)
  --suite LIST      which parts to run (default all three): gemm (GEMM
                    shapes), blas (Level 1 ddot/daxpy/dnrm2, Level 2
                    dgemv/dger/dtrsv/dsymv, Level 3 dsyrk/dtrsm/dtrmm/dsymm),
                    lapack (dgetrf/dpotrf/dgeqrf/dgetri/dgesv)
  --filter SUBSTR   only rows whose label contains SUBSTR, e.g. 'dgemm NN 1024x',
                    'dtrsm', 'ddot n=4096'
  --max-dim N       only rows with matrix dimensions <= N (--max-dim 2048 skips
                    the n=4096 rows, about half of a full run's time; Level 1
                    vectors are not limited)
  --threads LIST    thread counts to measure (default 1,2)
  --peers LIST      only configurations whose label starts with one of these
                    (oxblas always runs), e.g. OB-deb,BLIS:skx,MKL; an entry
                    '-LABEL' leaves out the configuration of exactly that
                    label, e.g. MKL,-MKL:cpu5
  --rounds R        run every configuration R times, interleaved (round 1 of
                    all of them, then round 2 in the reverse order, ...), and
                    keep each cell's median over the rounds; rows up to
                    --round-max-dim (and Level 1) only, where one process's
                    placement on a shared host moves a timing by 10-30%
                    (default 1). The FMA peak is probed before every round
                    and the highest probe kept.
  --round-max-dim N rows up to this dimension run in every round (default
                    256; larger rows run in the first round only). Raise it
                    to time large rows several times too, so that a slow or
                    fast phase of a shared host lands on every library alike
  --markdown PATH   also write the report as Markdown to PATH

Peers are discovered on this machine (see scripts/install-peers.sh); faer is
measured only when built with `--features faer`. PYTHON selects the python
used to locate PyPI's scipy-openblas32 and mkl (default python3).";

/// Before each child: wait at most this long for the machine to be idle,
/// and at most `QUIET_WAIT_TOTAL_SECS` over the whole run.
const QUIET_WAIT_SECS: f64 = 30.0;
const QUIET_WAIT_TOTAL_SECS: f64 = 300.0;

struct Cli {
    quick: bool,
    suites: Vec<Suite>,
    filter: Option<String>,
    max_dim: Option<usize>,
    threads: Vec<usize>,
    peers: Option<Vec<String>>,
    rounds: usize,
    round_max_dim: usize,
    markdown: Option<PathBuf>,
}

/// By default rows up to this dimension (and Level 1 vectors) are measured
/// in every round of `--rounds`; larger ones, whose calls are long enough
/// to average out a host's noise within one process, once
/// (`--round-max-dim` changes it).
const ROUND_MAX_DIM: usize = 256;

fn parse_threads(s: &str) -> Result<Vec<usize>, String> {
    s.split(',')
        .map(|t| {
            t.trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or(format!("bad thread count '{t}'"))
        })
        .collect()
}

fn parse_cli(args: &[String]) -> Result<Cli, String> {
    let mut cli = Cli {
        quick: false,
        suites: Suite::ALL.to_vec(),
        filter: None,
        max_dim: None,
        threads: vec![1, 2],
        peers: None,
        rounds: 1,
        round_max_dim: ROUND_MAX_DIM,
        markdown: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--quick" => cli.quick = true,
            "--filter" => cli.filter = Some(value()?),
            "--suite" => {
                cli.suites = value()?
                    .split(',')
                    .map(|s| Suite::parse(s.trim()).ok_or(format!("unknown suite '{s}'")))
                    .collect::<Result<_, _>>()?
            }
            "--max-dim" => {
                let v = value()?;
                cli.max_dim = Some(v.parse().map_err(|_| format!("bad --max-dim '{v}'"))?);
            }
            "--threads" => cli.threads = parse_threads(&value()?)?,
            "--peers" => {
                cli.peers = Some(value()?.split(',').map(|s| s.trim().to_string()).collect())
            }
            "--markdown" => cli.markdown = Some(PathBuf::from(value()?)),
            "--rounds" => {
                let v = value()?;
                cli.rounds = v
                    .parse()
                    .ok()
                    .filter(|&r| r >= 1)
                    .ok_or(format!("bad --rounds '{v}'"))?;
            }
            "--round-max-dim" => {
                let v = value()?;
                cli.round_max_dim = v
                    .parse()
                    .map_err(|_| format!("bad --round-max-dim '{v}'"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    Ok(cli)
}

fn parse_child(args: &[String]) -> Result<child::ChildArgs, String> {
    let mut c = child::ChildArgs {
        family: Family::Oxblas,
        lib: None,
        prefix: String::new(),
        threads: 1,
        rows: Vec::new(),
        quick: false,
        probe: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--child" => {
                let f = value()?;
                c.family = Family::parse(&f).ok_or(format!("unknown family {f}"))?;
            }
            "--lib" => c.lib = Some(PathBuf::from(value()?)),
            "--prefix" => c.prefix = value()?,
            "--threads" => c.threads = value()?.parse().map_err(|_| "bad --threads")?,
            "--rows" => {
                let v = value()?;
                c.rows = v
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| Row::parse_spec(s).ok_or(format!("bad row spec {s}")))
                    .collect::<Result<_, _>>()?;
            }
            "--quick" => c.quick = true,
            "--probe" => c.probe = true,
            other => return Err(format!("unknown child argument '{other}'")),
        }
    }
    Ok(c)
}

/// Whether `--peers` keeps the configuration `label`: oxblas always; else
/// when some entry is a prefix of it and no `-LABEL` entry names it.
fn peer_wanted(want: &[String], label: &str, is_oxblas: bool) -> bool {
    if is_oxblas {
        return true;
    }
    let (drop, keep): (Vec<&String>, Vec<&String>) = want.iter().partition(|w| w.starts_with('-'));
    !drop.iter().any(|w| &w[1..] == label) && keep.iter().any(|w| label.starts_with(w.as_str()))
}

fn show_peaks(peaks: &[peak::Peak]) {
    for p in peaks {
        eprintln!(
            "  peak {}/{} {} thread(s): {:.1} GFLOP/s",
            p.isa, p.real, p.threads, p.gflops
        );
    }
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./,=:+".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        match parse_child(&args[1..]) {
            Ok(c) => std::process::exit(child::run(c)),
            Err(e) => {
                eprintln!("oxblas-bench child: {e}");
                std::process::exit(2);
            }
        }
    }
    let cli = match parse_cli(&args[1..]) {
        Ok(c) => c,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("oxblas-bench: {e}\n");
            }
            eprintln!("{USAGE}");
            std::process::exit(if e.is_empty() { 0 } else { 2 });
        }
    };
    let started = Instant::now();
    let rows: Vec<Row> = rows::all_rows(cli.quick, &cli.suites)
        .into_iter()
        .filter(|r| {
            cli.filter
                .as_ref()
                .is_none_or(|f| r.label().contains(f.as_str()))
        })
        .filter(|r| cli.max_dim.is_none_or(|d| r.dim() <= d))
        .collect();
    // oxblas's dgemm at the n of each Level-3 / LAPACK row (their "ox/dgemm"
    // column), run by the oxblas child only when the gemm suite lacks it.
    let mut companions: Vec<Row> = Vec::new();
    for c in rows.iter().filter_map(|r| r.gemm_companion()) {
        if !rows.contains(&c) && !companions.contains(&c) {
            companions.push(c);
        }
    }
    if rows.is_empty() {
        eprintln!("oxblas-bench: no row matches the filter");
        std::process::exit(2);
    }
    let command = args
        .iter()
        .map(|a| shell_quote(a))
        .collect::<Vec<_>>()
        .join(" ");
    let header = vec![
        ("date".to_string(), report::utc_now()),
        ("cpu".to_string(), report::cpu_model()),
        ("oxblas".to_string(), oxblas::config_report()),
        ("command".to_string(), command),
        (
            "rows".to_string(),
            format!(
                "{} rows x threads {:?}{}{}",
                rows.len(),
                cli.threads,
                if cli.quick { " (--quick)" } else { "" },
                if cli.rounds > 1 {
                    format!(
                        "; {} rounds for rows up to n = {} and Level 1 (median kept)",
                        cli.rounds, cli.round_max_dim
                    )
                } else {
                    String::new()
                }
            ),
        ),
    ];
    for (k, v) in &header {
        eprintln!("{k}: {v}");
    }

    eprintln!("measuring FMA peak ...");
    timing::wait_until_quiet(QUIET_WAIT_SECS);
    let mut peaks = peak::measure(&cli.threads, cli.quick);
    show_peaks(&peaks);

    eprintln!("measuring bandwidth ...");
    let roofs = if cli.suites.contains(&Suite::Blas) {
        bandwidth::measure(&cli.threads, cli.quick)
    } else {
        Vec::new()
    };
    for r in &roofs {
        eprintln!(
            "  {} {} {} thread(s), {} KiB: {:.1} GB/s",
            r.level,
            r.kind,
            r.threads,
            r.bytes >> 10,
            r.gbs
        );
    }

    eprintln!("discovering peers ...");
    let discovery = peers::discover();
    let mut notes = discovery.notes;
    let mut candidates = discovery.configs;
    if let Some(want) = &cli.peers {
        candidates.retain(|c| peer_wanted(want, &c.label, c.family == Family::Oxblas));
    }
    let configs = probe_configs(candidates, &mut notes);
    for c in &configs {
        let core = c
            .info("core")
            .map(|s| format!(" core={s}"))
            .unwrap_or_default();
        eprintln!("  found {}{core}: {}", c.label, c.desc);
    }
    for n in &notes {
        eprintln!("  {n}");
    }

    let mut rounds: HashMap<Key, Vec<Cell>> = HashMap::new();
    let total = configs.len() * cli.threads.len() * cli.rounds;
    let mut done = 0;
    let mut waited_total = 0.0;
    for round in 0..cli.rounds {
        if round > 0 {
            // The host's speed drifts over a run: probe the roof again and
            // keep the highest probe, so no round's share of peak is
            // measured against a roof taken in a slower phase.
            eprintln!("round {}: measuring FMA peak again ...", round + 1);
            timing::wait_until_quiet(QUIET_WAIT_SECS);
            peak::keep_highest(&mut peaks, &peak::measure(&cli.threads, cli.quick));
            show_peaks(&peaks);
        }
        // Odd rounds run the configurations in the reverse order, so a
        // drift of the host's speed over a round does not always favour
        // the same libraries.
        let order: Vec<&peers::PeerConfig> = if round % 2 == 0 {
            configs.iter().collect()
        } else {
            configs.iter().rev().collect()
        };
        for &t in &cli.threads {
            for cfg in order.iter().copied() {
                done += 1;
                let t0 = Instant::now();
                let in_round = |r: &Row| round == 0 || r.dim() <= cli.round_max_dim;
                let mut remaining: Vec<Row> = rows.iter().copied().filter(in_round).collect();
                if cfg.family == Family::Oxblas {
                    remaining.extend(companions.iter().copied().filter(in_round));
                }
                if remaining.is_empty() {
                    continue;
                }
                while !remaining.is_empty() {
                    let budget = QUIET_WAIT_SECS.min(QUIET_WAIT_TOTAL_SECS - waited_total);
                    let waited = if budget > 0.0 {
                        timing::wait_until_quiet(budget)
                    } else {
                        0.0
                    };
                    waited_total += waited;
                    if waited >= 1.0 {
                        eprintln!("  (waited {waited:.0} s for other processes to quiet down)");
                    }
                    let out = run_child(cfg, t, &remaining, cli.quick, |spec, cell| {
                        let label = Row::parse_spec(spec).map(|r| r.label()).unwrap_or_default();
                        let shown = match cell {
                            Cell::Ok { rate, foreign } => {
                                let unit = Row::parse_spec(spec).map_or("", |r| r.unit());
                                format!("{rate:.1} {unit} (other load {foreign:.2} cores)")
                            }
                            Cell::NotAvailable(m) => format!("n/a ({m})"),
                            Cell::Failed(m) => format!("FAILED {m}"),
                            Cell::Error(m) => format!("ERROR {m}"),
                        };
                        eprintln!("  [{done}/{total}] {} t={t}: {label}: {shown}", cfg.label);
                    });
                    let reported: Vec<String> =
                        out.results.iter().map(|(s, _)| s.clone()).collect();
                    for (spec, cell) in out.results {
                        rounds
                            .entry((spec, t, cfg.label.clone()))
                            .or_default()
                            .push(cell);
                    }
                    remaining.retain(|r| !reported.contains(&r.spec()));
                    if let Some(e) = out.load_error.or(out.failure) {
                        // The first row without a result is the one that broke the
                        // child: record it and go on with a fresh child.
                        if let Some(r) = remaining.first() {
                            eprintln!("  [{done}/{total}] {} t={t}: {}: {e}", cfg.label, r.label());
                            rounds
                                .entry((r.spec(), t, cfg.label.clone()))
                                .or_default()
                                .push(Cell::Error(e));
                            remaining.remove(0);
                        }
                    } else if !remaining.is_empty() {
                        for r in remaining.drain(..) {
                            rounds
                                .entry((r.spec(), t, cfg.label.clone()))
                                .or_default()
                                .push(Cell::Error("no result".into()));
                        }
                    }
                }
                eprintln!(
                    "  [{done}/{total}] {} t={t} done in {:.0} s",
                    cfg.label,
                    t0.elapsed().as_secs_f64()
                );
            }
        }
    }
    let cells: HashMap<Key, Cell> = rounds
        .into_iter()
        .map(|(k, v)| (k, report::median_cell(v)))
        .collect();

    let mut header = header;
    header.push((
        "waited for quiet".into(),
        format!("{waited_total:.0} s (other processes on the machine)"),
    ));
    header.push((
        "run time".into(),
        format!("{:.0} s", started.elapsed().as_secs_f64()),
    ));
    let rep = report::Report {
        rows: &rows,
        threads: &cli.threads,
        configs: &configs,
        peaks: &peaks,
        roofs: &roofs,
        cells: &cells,
        header,
        notes: &notes,
    };
    print!("{}", rep.text());
    if let Some(path) = &cli.markdown {
        match std::fs::write(path, rep.markdown()) {
            Ok(()) => eprintln!("wrote {}", path.display()),
            Err(e) => eprintln!("oxblas-bench: cannot write {}: {e}", path.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::peer_wanted;

    #[test]
    fn peer_filter_prefixes_and_exclusions() {
        let want: Vec<String> = ["OB-pypi", "MKL", "-MKL:cpu5", "-OB-pypi:Zen"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(peer_wanted(&want, "OB-pypi", false));
        assert!(!peer_wanted(&want, "OB-pypi:Zen", false));
        assert!(peer_wanted(&want, "MKL:avx512", false));
        assert!(!peer_wanted(&want, "MKL:cpu5", false));
        assert!(!peer_wanted(&want, "BLIS:skx", false));
        assert!(peer_wanted(&want, "oxblas", true));
    }
}
