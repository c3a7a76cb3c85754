//! The benchmark rows: which routine (GEMM, the other BLAS levels, LAPACK),
//! which element type, shape and operand ops. One `Row` type for every
//! suite: what differs per routine (flop and byte counts, labels) is a
//! method of `Routine`, so the child, the parent and the report handle
//! every row alike.

use oxblas::Op;

/// The BLAS element type of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    S,
    D,
    C,
    Z,
}

impl Ty {
    pub fn letter(self) -> char {
        match self {
            Ty::S => 's',
            Ty::D => 'd',
            Ty::C => 'c',
            Ty::Z => 'z',
        }
    }
    fn parse(c: char) -> Option<Ty> {
        Some(match c {
            's' => Ty::S,
            'd' => Ty::D,
            'c' => Ty::C,
            'z' => Ty::Z,
            _ => return None,
        })
    }
    pub fn is_complex(self) -> bool {
        matches!(self, Ty::C | Ty::Z)
    }
    /// True when the real type underneath is f64 (d, z).
    pub fn is_double(self) -> bool {
        matches!(self, Ty::D | Ty::Z)
    }
}

pub fn op_letter(op: Op) -> char {
    match op {
        Op::NoTrans => 'N',
        Op::Trans => 'T',
        Op::ConjTrans => 'C',
    }
}

fn parse_op(c: char) -> Option<Op> {
    Some(match c {
        'N' => Op::NoTrans,
        'T' => Op::Trans,
        'C' => Op::ConjTrans,
        _ => return None,
    })
}

/// GEMM calls of at least this many flops count as huge.
const HUGE_FLOPS: f64 = 50e9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub ty: Ty,
    pub routine: Routine,
    pub op_a: Op,
    pub op_b: Op,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    /// At least 50 GFLOP a GEMM call (n = 4096, and zgemm/cgemm n = 2048),
    /// 20 GFLOP for the others: each call takes seconds even for fast
    /// libraries, so time few repeats only, and check peers against
    /// sampled exact entries rather than a second full computation.
    pub huge: bool,
}

impl Row {
    fn new(ty: Ty, ops: (Op, Op), m: usize, n: usize, k: usize) -> Row {
        Row {
            ty,
            routine: Routine::Gemm,
            op_a: ops.0,
            op_b: ops.1,
            m,
            n,
            k,
            huge: false,
        }
        .with_huge()
    }
}

/// Every GEMM row of the "engine" issue; `quick` keeps sizes up to 1024.
fn gemm_rows(quick: bool) -> Vec<Row> {
    const NN: (Op, Op) = (Op::NoTrans, Op::NoTrans);
    const TT: (Op, Op) = (Op::Trans, Op::Trans);
    const CC: (Op, Op) = (Op::ConjTrans, Op::ConjTrans);
    let squares: &[usize] = if quick {
        &[16, 64, 256, 1024]
    } else {
        &[16, 64, 256, 1024, 2048, 4096]
    };
    let (big, thin, tn) = if quick {
        (1024, 64, 256)
    } else {
        (4096, 64, 1024)
    };
    let mut rows = Vec::new();
    for ty in [Ty::D, Ty::S, Ty::Z, Ty::C] {
        for &n in squares {
            rows.push(Row::new(ty, NN, n, n, n));
        }
    }
    for ty in [Ty::D, Ty::S] {
        rows.push(Row::new(ty, NN, big, big, thin));
        rows.push(Row::new(ty, NN, big, thin, big));
    }
    rows.push(Row::new(Ty::D, TT, tn, tn, tn));
    rows.push(Row::new(Ty::Z, TT, tn, tn, tn));
    rows.push(Row::new(Ty::Z, CC, tn, tn, tn));
    rows
}

/// The three parts of a run (`--suite`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Suite {
    Gemm,
    Blas,
    Lapack,
}

impl Suite {
    pub const ALL: [Suite; 3] = [Suite::Gemm, Suite::Blas, Suite::Lapack];
    pub fn key(self) -> &'static str {
        match self {
            Suite::Gemm => "gemm",
            Suite::Blas => "blas",
            Suite::Lapack => "lapack",
        }
    }
    pub fn parse(s: &str) -> Option<Suite> {
        Suite::ALL.into_iter().find(|x| x.key() == s)
    }
}

/// The routine a row times. Variants other than `Gemm` run in double
/// precision (`d`) with fixed options, named in `Row::ops`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Routine {
    Gemm,
    Dot,
    Axpy,
    Nrm2,
    Gemv,
    Ger,
    Trsv,
    Symv,
    Syrk,
    Trsm,
    Trmm,
    Symm,
    Getrf,
    Potrf,
    Geqrf,
    Getri,
    Gesv,
}

impl Routine {
    const ALL: [Routine; 17] = [
        Routine::Gemm,
        Routine::Dot,
        Routine::Axpy,
        Routine::Nrm2,
        Routine::Gemv,
        Routine::Ger,
        Routine::Trsv,
        Routine::Symv,
        Routine::Syrk,
        Routine::Trsm,
        Routine::Trmm,
        Routine::Symm,
        Routine::Getrf,
        Routine::Potrf,
        Routine::Geqrf,
        Routine::Getri,
        Routine::Gesv,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Routine::Gemm => "gemm",
            Routine::Dot => "dot",
            Routine::Axpy => "axpy",
            Routine::Nrm2 => "nrm2",
            Routine::Gemv => "gemv",
            Routine::Ger => "ger",
            Routine::Trsv => "trsv",
            Routine::Symv => "symv",
            Routine::Syrk => "syrk",
            Routine::Trsm => "trsm",
            Routine::Trmm => "trmm",
            Routine::Symm => "symm",
            Routine::Getrf => "getrf",
            Routine::Potrf => "potrf",
            Routine::Geqrf => "geqrf",
            Routine::Getri => "getri",
            Routine::Gesv => "gesv",
        }
    }

    fn parse(s: &str) -> Option<Routine> {
        Routine::ALL.into_iter().find(|r| r.name() == s)
    }

    /// BLAS level (1, 2, 3); 0 for LAPACK.
    pub fn level(self) -> u8 {
        use Routine::*;
        match self {
            Dot | Axpy | Nrm2 => 1,
            Gemv | Ger | Trsv | Symv => 2,
            Gemm | Syrk | Trsm | Trmm | Symm => 3,
            Getrf | Potrf | Geqrf | Getri | Gesv => 0,
        }
    }

    pub fn suite(self) -> Suite {
        match (self, self.level()) {
            (Routine::Gemm, _) => Suite::Gemm,
            (_, 0) => Suite::Lapack,
            _ => Suite::Blas,
        }
    }

    /// Level 1 and 2 are rated in GB/s (memory-bound), the rest in GFLOP/s.
    pub fn bandwidth_bound(self) -> bool {
        matches!(self.level(), 1 | 2)
    }
}

impl Row {
    /// A square row of `routine` (vector length n for Level 1).
    pub fn square(ty: Ty, routine: Routine, op: Op, n: usize) -> Row {
        let m = if routine.level() == 1 { 1 } else { n };
        Row {
            ty,
            routine,
            op_a: op,
            op_b: Op::NoTrans,
            m,
            n,
            k: m,
            huge: false,
        }
        .with_huge()
    }

    fn with_huge(mut self) -> Row {
        // GEMM: >= 50 GFLOP a call. Others: >= 20 GFLOP (LAPACK at n=4096,
        // each call a second or more, plus an untimed re-initialisation).
        let limit = if self.routine == Routine::Gemm {
            HUGE_FLOPS
        } else {
            20e9
        };
        self.huge = self.flops() >= limit;
        self
    }

    /// Routine name, e.g. `dgemm`.
    pub fn op_name(&self) -> String {
        format!("{}{}", self.ty.letter(), self.routine.name())
    }

    /// The options: `NN` for GEMM; for the others the fixed arguments in
    /// BLAS order (side, uplo, trans, diag), e.g. `LLNN` for trsm.
    pub fn ops(&self) -> String {
        use Routine::*;
        match self.routine {
            Gemm => format!("{}{}", op_letter(self.op_a), op_letter(self.op_b)),
            Gemv => op_letter(self.op_a).to_string(),
            Trsv => "LNN".into(),
            Symv => "L".into(),
            Syrk => "LN".into(),
            Trsm | Trmm => "LLNN".into(),
            Symm => "LL".into(),
            Potrf => "L".into(),
            Gesv => "nrhs=1".into(),
            _ => String::new(),
        }
    }

    /// `m x n x k` for GEMM, `n=...` for the others.
    pub fn shape(&self) -> String {
        if self.routine == Routine::Gemm {
            format!("{}x{}x{}", self.m, self.n, self.k)
        } else {
            format!("n={}", self.n)
        }
    }

    /// What `--filter` matches and what labels a row:
    /// `dgemm NN 1024x1024x1024`, `dtrsm LLNN n=1024`, `ddot n=4096`.
    pub fn label(&self) -> String {
        let ops = self.ops();
        if ops.is_empty() {
            format!("{} {}", self.op_name(), self.shape())
        } else {
            format!("{} {} {}", self.op_name(), ops, self.shape())
        }
    }

    /// Compact form handed to child processes: `d:gemm:NN:1024:1024:1024`.
    pub fn spec(&self) -> String {
        format!(
            "{}:{}:{}{}:{}:{}:{}",
            self.ty.letter(),
            self.routine.name(),
            op_letter(self.op_a),
            op_letter(self.op_b),
            self.m,
            self.n,
            self.k
        )
    }

    pub fn parse_spec(s: &str) -> Option<Row> {
        let parts: Vec<&str> = s.split(':').collect();
        if parts.len() != 6 || parts[2].len() != 2 {
            return None;
        }
        let ty = Ty::parse(parts[0].chars().next()?)?;
        let routine = Routine::parse(parts[1])?;
        let mut ops = parts[2].chars();
        let op_a = parse_op(ops.next()?)?;
        let op_b = parse_op(ops.next()?)?;
        let dims: Option<Vec<usize>> = parts[3..].iter().map(|p| p.parse().ok()).collect();
        let dims = dims?;
        if routine == Routine::Gemm {
            Some(Row::new(ty, (op_a, op_b), dims[0], dims[1], dims[2]))
        } else {
            Some(Row::square(ty, routine, op_a, dims[1]))
        }
    }

    /// Largest matrix dimension (what `--max-dim` limits); 0 for the
    /// vectors of Level 1.
    pub fn dim(&self) -> usize {
        if self.routine.level() == 1 {
            0
        } else {
            self.m.max(self.n).max(self.k)
        }
    }

    /// Floating-point operations of one call: 2mnk real, 8mnk complex for
    /// GEMM; LAPACK's standard counts for the factorisations (getrf 2/3 n^3,
    /// potrf 1/3 n^3, geqrf 4/3 n^3, getri 4/3 n^3, gesv getrf + 2 n^2).
    pub fn flops(&self) -> f64 {
        use Routine::*;
        let n = self.n as f64;
        let n3 = n * n * n;
        match self.routine {
            Gemm => {
                let mnk = self.m as f64 * n * self.k as f64;
                if self.ty.is_complex() {
                    8.0 * mnk
                } else {
                    2.0 * mnk
                }
            }
            Dot | Axpy | Nrm2 => 2.0 * n,
            Gemv | Ger | Symv => 2.0 * n * n,
            Trsv => n * n,
            Syrk | Trsm | Trmm => n3,
            Symm => 2.0 * n3,
            Getrf => 2.0 / 3.0 * n3,
            Potrf => n3 / 3.0,
            Geqrf | Getri => 4.0 / 3.0 * n3,
            Gesv => 2.0 / 3.0 * n3 + 2.0 * n * n,
        }
    }

    fn elem_bytes(&self) -> f64 {
        let real = if self.ty.is_double() { 8.0 } else { 4.0 };
        if self.ty.is_complex() {
            2.0 * real
        } else {
            real
        }
    }

    /// Bytes one call must move between memory and the core at least:
    /// every operand read once, every output written once (a triangle for
    /// trsv and symv, which read one half of A).
    pub fn bytes(&self) -> f64 {
        use Routine::*;
        let n = self.n as f64;
        let tri = n * (n + 1.0) / 2.0;
        let elems = match self.routine {
            Dot => 2.0 * n,
            Axpy => 3.0 * n,
            Nrm2 => n,
            Gemv => n * n + 2.0 * n,
            Ger => 2.0 * n * n + 2.0 * n,
            Trsv => tri + 2.0 * n,
            Symv => tri + 3.0 * n,
            _ => {
                let (ar, ac) = self.a_dims();
                let (br, bc) = self.b_dims();
                (ar * ac + br * bc + 2 * self.m * self.n) as f64
            }
        };
        elems * self.elem_bytes()
    }

    /// Distinct bytes a call touches: which cache level it runs from.
    pub fn working_set(&self) -> f64 {
        use Routine::*;
        let n = self.n as f64;
        let elems = match self.routine {
            Dot | Axpy => 2.0 * n,
            Nrm2 => n,
            Gemv | Ger => n * n + 2.0 * n,
            Trsv | Symv => n * (n + 1.0) / 2.0 + 2.0 * n,
            _ => return self.bytes(),
        };
        elems * self.elem_bytes()
    }

    /// The row's rate for one call of `secs`: GB/s for Level 1/2, else GFLOP/s.
    pub fn rate(&self, secs: f64) -> f64 {
        let amount = if self.routine.bandwidth_bound() {
            self.bytes()
        } else {
            self.flops()
        };
        amount / secs / 1e9
    }

    /// `GB/s` or `GFLOP/s`.
    pub fn unit(&self) -> &'static str {
        if self.routine.bandwidth_bound() {
            "GB/s"
        } else {
            "GFLOP/s"
        }
    }

    /// Stored shape of A (rows, cols): op(A) is m x k.
    pub fn a_dims(&self) -> (usize, usize) {
        if self.op_a == Op::NoTrans {
            (self.m, self.k)
        } else {
            (self.k, self.m)
        }
    }

    /// Stored shape of B (rows, cols): op(B) is k x n.
    pub fn b_dims(&self) -> (usize, usize) {
        if self.op_b == Op::NoTrans {
            (self.k, self.n)
        } else {
            (self.n, self.k)
        }
    }

    /// The oxblas dgemm row whose rate Level 3 and LAPACK rows are
    /// compared with (same n), if this row has one.
    pub fn gemm_companion(&self) -> Option<Row> {
        match self.routine.level() {
            0 | 3 if self.routine != Routine::Gemm => Some(Row::new(
                Ty::D,
                (Op::NoTrans, Op::NoTrans),
                self.n,
                self.n,
                self.n,
            )),
            _ => None,
        }
    }
}

/// Every row of the chosen suites; `quick` keeps sizes small.
pub fn all_rows(quick: bool, suites: &[Suite]) -> Vec<Row> {
    let mut rows = Vec::new();
    if suites.contains(&Suite::Gemm) {
        rows.extend(gemm_rows(quick));
    }
    if suites.contains(&Suite::Blas) {
        // --quick: one cache-resident and one larger size of each level.
        let l1: &[usize] = if quick {
            &[4096, 1_000_000]
        } else {
            &[4096, 32768, 1_000_000, 20_000_000]
        };
        let l2: &[usize] = if quick { &[256] } else { &[256, 1024, 4096] };
        let l3: &[usize] = if quick { &[256] } else { &[256, 1024, 2048] };
        for r in [Routine::Dot, Routine::Axpy, Routine::Nrm2] {
            rows.extend(l1.iter().map(|&n| Row::square(Ty::D, r, Op::NoTrans, n)));
        }
        for (r, op) in [
            (Routine::Gemv, Op::NoTrans),
            (Routine::Gemv, Op::Trans),
            (Routine::Ger, Op::NoTrans),
            (Routine::Trsv, Op::NoTrans),
            (Routine::Symv, Op::NoTrans),
        ] {
            rows.extend(l2.iter().map(|&n| Row::square(Ty::D, r, op, n)));
        }
        for r in [Routine::Syrk, Routine::Trsm, Routine::Trmm, Routine::Symm] {
            rows.extend(l3.iter().map(|&n| Row::square(Ty::D, r, Op::NoTrans, n)));
        }
    }
    if suites.contains(&Suite::Lapack) {
        let sizes: &[usize] = if quick {
            &[64, 512]
        } else {
            &[64, 256, 1024, 2048, 4096]
        };
        for r in [
            Routine::Getrf,
            Routine::Potrf,
            Routine::Geqrf,
            Routine::Getri,
            Routine::Gesv,
        ] {
            rows.extend(sizes.iter().map(|&n| Row::square(Ty::D, r, Op::NoTrans, n)));
        }
    }
    rows
}
