//! Errors are values in the core. The C ABI turns them into xerbla/info, the
//! Python layer into ValueError / LinAlgError.

use core::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Operand shapes do not agree, e.g. op(A) is m x k but op(B) is k' x n.
    DimensionMismatch {
        what: &'static str,
        expected: (usize, usize),
        found: (usize, usize),
    },
    /// A view would reach outside its buffer.
    OutOfBounds { what: &'static str },
    /// A size or stride computation overflows `isize`.
    Overflow { what: &'static str },
    /// A mutable view whose strides make two elements share memory.
    Aliasing { what: &'static str },
    /// An argument is illegal; `position` follows the reference BLAS/LAPACK
    /// numbering so that the C ABI can hand it to xerbla.
    IllegalArgument {
        routine: &'static str,
        position: i32,
        why: &'static str,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::DimensionMismatch {
                what,
                expected,
                found,
            } => write!(
                f,
                "dimension mismatch in {what}: expected {}x{}, found {}x{}",
                expected.0, expected.1, found.0, found.1
            ),
            Error::OutOfBounds { what } => write!(f, "{what}: view reaches outside its buffer"),
            Error::Overflow { what } => write!(f, "{what}: size or stride overflows"),
            Error::Aliasing { what } => {
                write!(f, "{what}: strides make distinct elements share memory")
            }
            Error::IllegalArgument {
                routine,
                position,
                why,
            } => {
                write!(f, "{routine}: parameter {position} is illegal ({why})")
            }
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = core::result::Result<T, Error>;
