//! Plumbing shared by the level 3 routines built on GEMM: checked view ->
//! operand conversion, a raw mutable block, and small dense temporaries.

use super::gemm::Op;
use super::pack::Operand;
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;

/// A mutable block `ptr + i*rs + j*cs`, `m x n`.
pub(crate) struct Block<T> {
    pub ptr: *mut T,
    pub m: usize,
    pub n: usize,
    pub rs: isize,
    pub cs: isize,
}

impl<T> Clone for Block<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Block<T> {}

impl<T> Block<T> {
    pub fn of(c: &mut MatMut<'_, T>) -> Block<T> {
        Block {
            ptr: c.as_mut_ptr(),
            m: c.nrows(),
            n: c.ncols(),
            rs: c.row_stride(),
            cs: c.col_stride(),
        }
    }
    #[inline(always)]
    pub fn at(&self, i: usize, j: usize) -> *mut T {
        self.ptr
            .wrapping_offset(i as isize * self.rs + j as isize * self.cs)
    }
    /// The `m x n` sub-block at (i, j).
    pub fn sub(&self, i: usize, j: usize, m: usize, n: usize) -> Block<T> {
        Block {
            ptr: self.at(i, j),
            m,
            n,
            rs: self.rs,
            cs: self.cs,
        }
    }
    pub fn t(self) -> Block<T> {
        Block {
            ptr: self.ptr,
            m: self.n,
            n: self.m,
            rs: self.cs,
            cs: self.rs,
        }
    }
    /// Read-only operand view of the block.
    pub fn operand(&self) -> Operand<T> {
        Operand {
            ptr: self.ptr,
            rs: self.rs,
            cs: self.cs,
            conj: false,
        }
    }
}

/// `op(A)` as an operand, with its shape.
pub(crate) fn op_operand<T>(a: &MatRef<'_, T>, op: Op) -> (Operand<T>, usize, usize) {
    let o = Operand {
        ptr: a.as_ptr(),
        rs: a.row_stride(),
        cs: a.col_stride(),
        conj: false,
    };
    match op {
        Op::NoTrans => (o, a.nrows(), a.ncols()),
        Op::Trans => (o.t(), a.ncols(), a.nrows()),
        Op::ConjTrans => (
            Operand {
                conj: true,
                ..o.t()
            },
            a.ncols(),
            a.nrows(),
        ),
    }
}

/// Sub-operand starting at (i, j).
pub(crate) fn sub_op<T>(o: Operand<T>, i: usize, j: usize) -> Operand<T> {
    Operand {
        ptr: o.at(i, j),
        ..o
    }
}

pub(crate) fn require_square(what: &'static str, m: usize, n: usize) -> Result<()> {
    if m != n {
        return Err(Error::DimensionMismatch {
            what,
            expected: (m, m),
            found: (m, n),
        });
    }
    Ok(())
}

pub(crate) fn require_shape(
    what: &'static str,
    expected: (usize, usize),
    found: (usize, usize),
) -> Result<()> {
    if expected != found {
        return Err(Error::DimensionMismatch {
            what,
            expected,
            found,
        });
    }
    Ok(())
}

/// A zeroed column-major `m x n` temporary and its operand/block views.
pub(crate) struct Dense<T> {
    pub buf: Vec<T>,
    pub m: usize,
    pub n: usize,
}

impl<T: Scalar> Dense<T> {
    pub fn zeros(m: usize, n: usize) -> Dense<T> {
        Dense {
            buf: vec![T::zero(); (m * n).max(1)],
            m,
            n,
        }
    }
    pub fn operand(&self) -> Operand<T> {
        Operand {
            ptr: self.buf.as_ptr(),
            rs: 1,
            cs: self.m.max(1) as isize,
            conj: false,
        }
    }
    pub fn block(&mut self) -> Block<T> {
        Block {
            ptr: self.buf.as_mut_ptr(),
            m: self.m,
            n: self.n,
            rs: 1,
            cs: self.m.max(1) as isize,
        }
    }
    #[inline(always)]
    pub fn set(&mut self, i: usize, j: usize, v: T) {
        self.buf[i + j * self.m] = v;
    }
    /// Copy of a block.
    ///
    /// # Safety
    /// `b` must be a valid block.
    pub unsafe fn copy_of(b: &Block<T>) -> Dense<T> {
        let mut d = Dense::zeros(b.m, b.n);
        for j in 0..b.n {
            for i in 0..b.m {
                d.buf[i + j * b.m] = *b.at(i, j);
            }
        }
        d
    }
}
