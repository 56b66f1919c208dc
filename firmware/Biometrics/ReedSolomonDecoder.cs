namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Berlekamp–Welch decoding of a Reed–Solomon code over <see cref="PrimeField"/>: given m points
    /// of which at most (m - k) / 2 are wrong, finds the unique polynomial of degree &lt; k through
    /// the others (Welch and Berlekamp, US patent 4,633,470, 1986; Gemmell and Sudan's exposition).
    /// The vault uses it to recover its secret polynomial from the candidate points a touch
    /// unlocks, of which some are chaff.
    /// </summary>
    /// <remarks>
    /// Unknowns: Q (degree &lt; k + e) and a monic error locator E (degree e) with
    /// Q(x_i) = y_i E(x_i) for every point; then P = Q / E. Gaussian elimination over all m
    /// equations checks consistency. Not constant time: its inputs are biometric matches whose
    /// count the touch's timing already shows; the secret coefficients only come out at the end.
    /// </remarks>
    internal sealed class ReedSolomonDecoder
    {
        private readonly int _maxPoints;
        private readonly uint[] _matrix;
        private readonly uint[] _solution;
        private readonly uint[] _remainder;
        private readonly int[] _pivotColumn;

        /// <summary>Allocates the working storage for up to <paramref name="maxPoints"/> points.</summary>
        public ReedSolomonDecoder(int maxPoints)
        {
            _maxPoints = maxPoints;
            _matrix = new uint[maxPoints * (maxPoints + 1)];
            _solution = new uint[maxPoints];
            _remainder = new uint[maxPoints];
            _pivotColumn = new int[maxPoints];
        }

        /// <summary>Most points one decoding takes.</summary>
        public int MaxPoints
        {
            get { return _maxPoints; }
        }

        /// <summary>The elimination matrix, maxPoints x (maxPoints + 1) words (work space the native decoder uses too).</summary>
        internal uint[] Matrix
        {
            get { return _matrix; }
        }

        /// <summary>The solution vector, maxPoints words (work space).</summary>
        internal uint[] Solution
        {
            get { return _solution; }
        }

        /// <summary>Pivot column of each row, maxPoints entries (work space).</summary>
        internal int[] PivotColumn
        {
            get { return _pivotColumn; }
        }

        /// <summary>Zeroes the work space.</summary>
        internal void Clear()
        {
            System.Array.Clear(_matrix, 0, _matrix.Length);
            System.Array.Clear(_solution, 0, _solution.Length);
            System.Array.Clear(_remainder, 0, _remainder.Length);
            System.Array.Clear(_pivotColumn, 0, _pivotColumn.Length);
        }

        /// <summary>
        /// Decodes points (xs[i], ys[i]), i &lt; <paramref name="count"/> (distinct x), to the
        /// <paramref name="k"/> coefficients of P (constant term first) in <paramref name="coefficients"/>.
        /// Returns false when more than (count - k) / 2 points are wrong.
        /// </summary>
        public bool Decode(uint[] xs, uint[] ys, int count, int k, uint[] coefficients)
        {
            if (count > _maxPoints || count < k)
            {
                return false;
            }

            int e = (count - k) / 2;
            int nq = k + e;
            int unknowns = nq + e;
            int width = unknowns + 1;
            try
            {
                Fill(xs, ys, count, nq, e, width);
                int rank = Eliminate(count, unknowns, width);
                for (int r = rank; r < count; r++)
                {
                    if (_matrix[(r * width) + unknowns] != 0)
                    {
                        return false;
                    }
                }

                System.Array.Clear(_solution, 0, unknowns);
                for (int r = 0; r < rank; r++)
                {
                    _solution[_pivotColumn[r]] = _matrix[(r * width) + unknowns];
                }

                return Divide(nq, e, k, coefficients);
            }
            finally
            {
                System.Array.Clear(_matrix, 0, _matrix.Length);
                System.Array.Clear(_solution, 0, _solution.Length);
                System.Array.Clear(_remainder, 0, _remainder.Length);
            }
        }

        // Row i: x^0..x^(nq-1) for Q, -y x^0..-y x^(e-1) for E's low coefficients, = y x^e.
        private void Fill(uint[] xs, uint[] ys, int count, int nq, int e, int width)
        {
            for (int i = 0; i < count; i++)
            {
                int row = i * width;
                uint x = xs[i];
                uint y = ys[i];
                uint power = 1;
                for (int j = 0; j < nq; j++)
                {
                    _matrix[row + j] = power;
                    power = PrimeField.Mul(power, x);
                }

                power = 1;
                for (int l = 0; l < e; l++)
                {
                    _matrix[row + nq + l] = PrimeField.Sub(0, PrimeField.Mul(y, power));
                    power = PrimeField.Mul(power, x);
                }

                _matrix[row + nq + e] = PrimeField.Mul(y, power);
            }
        }

        // Reduced row echelon form; returns the rank and records each pivot row's column.
        private int Eliminate(int rows, int unknowns, int width)
        {
            int rank = 0;
            for (int col = 0; col < unknowns && rank < rows; col++)
            {
                int pivot = -1;
                for (int r = rank; r < rows; r++)
                {
                    if (_matrix[(r * width) + col] != 0)
                    {
                        pivot = r;
                        break;
                    }
                }

                if (pivot < 0)
                {
                    continue;
                }

                SwapRows(pivot, rank, width);
                int top = rank * width;
                uint inverse = PrimeField.Inverse(_matrix[top + col]);
                for (int c = col; c < width; c++)
                {
                    _matrix[top + c] = PrimeField.Mul(_matrix[top + c], inverse);
                }

                for (int r = 0; r < rows; r++)
                {
                    int row = r * width;
                    uint factor = _matrix[row + col];
                    if (r == rank || factor == 0)
                    {
                        continue;
                    }

                    for (int c = col; c < width; c++)
                    {
                        _matrix[row + c] = PrimeField.Sub(_matrix[row + c], PrimeField.Mul(factor, _matrix[top + c]));
                    }
                }

                _pivotColumn[rank] = col;
                rank++;
            }

            return rank;
        }

        // P = Q / E with E monic of degree e; fails unless E divides Q exactly.
        private bool Divide(int nq, int e, int k, uint[] coefficients)
        {
            System.Array.Copy(_solution, 0, _remainder, 0, nq);
            for (int d = nq - 1; d >= e; d--)
            {
                uint lead = _remainder[d];
                coefficients[d - e] = lead;
                for (int l = 0; l < e; l++)
                {
                    _remainder[d - e + l] = PrimeField.Sub(_remainder[d - e + l], PrimeField.Mul(lead, _solution[nq + l]));
                }

                _remainder[d] = 0;
            }

            for (int d = 0; d < e; d++)
            {
                if (_remainder[d] != 0)
                {
                    System.Array.Clear(coefficients, 0, k);
                    return false;
                }
            }

            return true;
        }

        private void SwapRows(int a, int b, int width)
        {
            if (a == b)
            {
                return;
            }

            int ra = a * width;
            int rb = b * width;
            for (int c = 0; c < width; c++)
            {
                uint t = _matrix[ra + c];
                _matrix[ra + c] = _matrix[rb + c];
                _matrix[rb + c] = t;
            }
        }
    }
}
