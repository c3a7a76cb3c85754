//! The benchmark rows: which GEMM, which shape, which operand ops.

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

/// Calls of at least this many flops count as huge.
const HUGE_FLOPS: f64 = 50e9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub ty: Ty,
    pub op_a: Op,
    pub op_b: Op,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    /// At least 50 GFLOP a call (n = 4096, and zgemm/cgemm n = 2048): each
    /// call takes seconds even for fast libraries, so time 3 repeats only,
    /// and check peers against sampled exact entries rather than a second
    /// full product.
    pub huge: bool,
}

impl Row {
    fn new(ty: Ty, ops: (Op, Op), m: usize, n: usize, k: usize) -> Row {
        Row {
            ty,
            op_a: ops.0,
            op_b: ops.1,
            m,
            n,
            k,
            huge: false,
        }
        .with_huge()
    }

    fn with_huge(mut self) -> Row {
        self.huge = self.flops() >= HUGE_FLOPS;
        self
    }

    /// Routine name, e.g. `dgemm`.
    pub fn op_name(&self) -> String {
        format!("{}gemm", self.ty.letter())
    }

    /// `NN`, `TT`, `CC`.
    pub fn ops(&self) -> String {
        format!("{}{}", op_letter(self.op_a), op_letter(self.op_b))
    }

    /// `m x n x k`.
    pub fn shape(&self) -> String {
        format!("{}x{}x{}", self.m, self.n, self.k)
    }

    /// What `--filter` matches and what labels a row: `dgemm NN 1024x1024x1024`.
    pub fn label(&self) -> String {
        format!("{} {} {}", self.op_name(), self.ops(), self.shape())
    }

    /// Compact form handed to child processes: `d:NN:1024:1024:1024`.
    pub fn spec(&self) -> String {
        format!(
            "{}:{}:{}:{}:{}",
            self.ty.letter(),
            self.ops(),
            self.m,
            self.n,
            self.k
        )
    }

    pub fn parse_spec(s: &str) -> Option<Row> {
        let parts: Vec<&str> = s.split(':').collect();
        if parts.len() != 5 || parts[1].len() != 2 {
            return None;
        }
        let ty = Ty::parse(parts[0].chars().next()?)?;
        let mut ops = parts[1].chars();
        let op_a = parse_op(ops.next()?)?;
        let op_b = parse_op(ops.next()?)?;
        let dims: Option<Vec<usize>> = parts[2..].iter().map(|p| p.parse().ok()).collect();
        let dims = dims?;
        Some(Row::new(ty, (op_a, op_b), dims[0], dims[1], dims[2]))
    }

    /// Floating-point operations of one call: 2mnk real, 8mnk complex.
    pub fn flops(&self) -> f64 {
        let mnk = self.m as f64 * self.n as f64 * self.k as f64;
        if self.ty.is_complex() {
            8.0 * mnk
        } else {
            2.0 * mnk
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
}

/// Every row of the "engine" issue; `quick` keeps sizes up to 1024.
pub fn all_rows(quick: bool) -> Vec<Row> {
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
