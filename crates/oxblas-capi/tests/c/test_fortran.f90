! Calls liboxblas from Fortran: DGEMM (character arguments with hidden
! lengths), ZDOTC (a COMPLEX*16 function result), and LAPACK: DGESV with
! its residual, SLANGE (a REAL function result) and ZGEQRF's workspace query.
program test_fortran
  implicit none
  integer, parameter :: m = 5, n = 4, k = 3
  double precision :: a(m, k), b(k, n), c(m, n), r(m, n)
  complex(kind=8) :: x(3), y(3), got, want
  complex(kind=8), external :: zdotc
  external :: dgemm
  integer :: i, j, failures, info, ipiv(n)
  double precision :: s(n, n), s0(n, n), rhs(n, 2), x2(n, 2)
  real :: f(m, k), fmax
  real, external :: slange
  complex(kind=8) :: zq(m, k), ztau(k), zw(1)
  external :: dgesv, zgeqrf

  failures = 0
  do j = 1, k
    do i = 1, m
      a(i, j) = dble(i) - 0.5d0 * dble(j)
    end do
  end do
  do j = 1, n
    do i = 1, k
      b(i, j) = 0.25d0 * dble(i * j) - 1.0d0
    end do
  end do
  c = 1.0d0
  r = 2.0d0 * matmul(a, b) + 0.5d0 * c
  call dgemm('No transpose', 'N', m, n, k, 2.0d0, a, m, b, k, 0.5d0, c, m)
  if (maxval(abs(c - r)) > 1.0d-12) then
    print *, 'FAIL: dgemm from Fortran', maxval(abs(c - r))
    failures = failures + 1
  else
    print *, 'ok: dgemm from Fortran'
  end if

  x = [(1.0d0, 2.0d0), (3.0d0, -1.0d0), (-2.0d0, 0.5d0)]
  y = [(0.5d0, 1.0d0), (-1.0d0, 2.0d0), (4.0d0, -3.0d0)]
  want = sum(conjg(x) * y)
  got = zdotc(3, x, 1, y, 1)
  if (abs(got - want) > 1.0d-12) then
    print *, 'FAIL: zdotc from Fortran', got, want
    failures = failures + 1
  else
    print *, 'ok: zdotc from Fortran'
  end if

  ! DGESV: A X = B on a diagonally dominant matrix; residual computed here.
  do j = 1, n
    do i = 1, n
      s(i, j) = 1.0d0 / dble(i + j)
    end do
    s(j, j) = s(j, j) + 2.0d0
  end do
  s0 = s
  rhs(:, 1) = [(dble(i), i = 1, n)]
  rhs(:, 2) = 1.0d0
  x2 = rhs
  call dgesv(n, 2, s, n, ipiv, x2, n, info)
  if (info /= 0 .or. maxval(abs(matmul(s0, x2) - rhs)) > 1.0d-12) then
    print *, 'FAIL: dgesv from Fortran', info, maxval(abs(matmul(s0, x2) - rhs))
    failures = failures + 1
  else
    print *, 'ok: dgesv from Fortran'
  end if

  ! SLANGE returns a REAL in a register (gfortran), not a DOUBLE (f2c).
  f = real(a)
  fmax = slange('Max', m, k, f, m, f)
  if (fmax /= maxval(abs(f))) then
    print *, 'FAIL: slange from Fortran', fmax, maxval(abs(f))
    failures = failures + 1
  else
    print *, 'ok: slange (REAL function) from Fortran'
  end if

  ! ZGEQRF workspace query: LWORK = -1 returns a size >= N in WORK(1).
  zq = (1.0d0, 0.0d0)
  call zgeqrf(m, k, zq, m, ztau, zw, -1, info)
  if (info /= 0 .or. dble(zw(1)) < k .or. any(zq /= (1.0d0, 0.0d0))) then
    print *, 'FAIL: zgeqrf workspace query from Fortran', info, zw(1)
    failures = failures + 1
  else
    print *, 'ok: zgeqrf workspace query from Fortran'
  end if

  write (*, '(a, i0, a, i0, a)') 'capi-fortran: ', 5 - failures, ' passed, ', failures, ' failed'
  if (failures /= 0) stop 1
end program test_fortran
