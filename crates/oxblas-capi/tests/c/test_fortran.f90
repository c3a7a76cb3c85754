! Calls liboxblas from Fortran: DGEMM (character arguments with hidden
! lengths) and ZDOTC (a COMPLEX*16 function result).
program test_fortran
  implicit none
  integer, parameter :: m = 5, n = 4, k = 3
  double precision :: a(m, k), b(k, n), c(m, n), r(m, n)
  complex(kind=8) :: x(3), y(3), got, want
  complex(kind=8), external :: zdotc
  external :: dgemm
  integer :: i, j, failures

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

  write (*, '(a, i0, a, i0, a)') 'capi-fortran: ', 2 - failures, ' passed, ', failures, ' failed'
  if (failures /= 0) stop 1
end program test_fortran
