//! faer as a peer, in-process (in its own child like every peer):
//! `faer::linalg::matmul::matmul` with `Par::Seq` or `Par::rayon(t)`.

use crate::peers::PeerScalar;
use crate::rows::Row;
use faer::linalg::matmul::matmul;
use faer::traits::Conjugate;
use faer::{Accum, MatMut, MatRef, Par};
use oxblas::Op;

pub fn gemm<T: PeerScalar>(row: &Row, a: &[T], b: &[T], c: &mut [T], threads: usize) {
    let par = if threads <= 1 {
        Par::Seq
    } else {
        Par::rayon(threads)
    };
    let (ar, ac) = row.a_dims();
    let (br, bc) = row.b_dims();
    let av = MatRef::from_column_major_slice_with_stride(a, ar, ac, ar.max(1));
    let bv = MatRef::from_column_major_slice_with_stride(b, br, bc, br.max(1));
    let cv = MatMut::from_column_major_slice_with_stride_mut(c, row.m, row.n, row.m.max(1));
    match row.op_a {
        Op::NoTrans => with_rhs(cv, av, bv, row.op_b, par),
        Op::Trans => with_rhs(cv, av.transpose(), bv, row.op_b, par),
        Op::ConjTrans => with_rhs(cv, av.adjoint(), bv, row.op_b, par),
    }
}

fn with_rhs<T: PeerScalar, L: Conjugate<Canonical = T>>(
    c: MatMut<'_, T>,
    lhs: MatRef<'_, L>,
    rhs: MatRef<'_, T>,
    op_b: Op,
    par: Par,
) {
    let one = <T as oxblas::Scalar>::one();
    match op_b {
        Op::NoTrans => matmul(c, Accum::Replace, lhs, rhs, one, par),
        Op::Trans => matmul(c, Accum::Replace, lhs, rhs.transpose(), one, par),
        Op::ConjTrans => matmul(c, Accum::Replace, lhs, rhs.adjoint(), one, par),
    }
}
