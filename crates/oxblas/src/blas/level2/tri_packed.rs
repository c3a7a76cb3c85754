//! Triangular packed routines `tpmv`, `tpsv`: the column-segment loops of
//! `tri_banded.rs` on packed columns (each a contiguous run).

use super::packed::{check_packed, packed_col};
use super::tri_banded::{seg_trmv, seg_trsv, ColSeg, TriOp};
use super::{check_inc, check_len, with_contig_y};
use crate::blas::{Diag, Op, Uplo};
use crate::error::Result;
use crate::scalar::Scalar;
use crate::vec::VecMut;

fn packed_seg<T>(upper: bool, n: usize, ap: &[T]) -> impl Fn(usize) -> ColSeg<T> + '_ {
    let a = ap.as_ptr();
    move |j| {
        let (kk, _, _, kd) = packed_col(upper, n, j);
        let d = a.wrapping_add(kd);
        if upper {
            ColSeg {
                s0: 0,
                s1: j,
                p: a.wrapping_add(kk),
                inc: 1,
                d,
            }
        } else {
            ColSeg {
                s0: j + 1,
                s1: n,
                p: a.wrapping_add(kk + 1),
                inc: 1,
                d,
            }
        }
    }
}

/// `x = op(A) x`, A triangular `n x n` packed in `ap` (stpmv, dtpmv,
/// ctpmv, ztpmv).
pub fn tpmv<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    n: usize,
    ap: &[T],
    mut x: VecMut<T>,
) -> Result<()> {
    check_packed("tpmv: ap", n, ap.len())?;
    check_len("tpmv: x", n, x.len())?;
    check_inc("tpmv", x.inc(), 7)?;
    if n == 0 {
        return Ok(());
    }
    let o = TriOp::new::<T>(uplo, op, diag);
    // SAFETY: packed_seg describes elements below n(n+1)/2 <= ap.len().
    with_contig_y(&mut x, |xp| unsafe {
        seg_trmv(o, n, packed_seg(o.upper, n, ap), xp)
    });
    Ok(())
}

/// Solves `op(A) x = b`, A triangular packed (stpsv, dtpsv, ctpsv, ztpsv).
pub fn tpsv<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    n: usize,
    ap: &[T],
    mut x: VecMut<T>,
) -> Result<()> {
    check_packed("tpsv: ap", n, ap.len())?;
    check_len("tpsv: x", n, x.len())?;
    check_inc("tpsv", x.inc(), 7)?;
    if n == 0 {
        return Ok(());
    }
    let o = TriOp::new::<T>(uplo, op, diag);
    // SAFETY: as in tpmv.
    with_contig_y(&mut x, |xp| unsafe {
        seg_trsv(o, n, packed_seg(o.upper, n, ap), xp)
    });
    Ok(())
}
