namespace CardFirmware.Biometrics
{
    /// <summary>
    /// The fuzzy vault's chaff (the reference the native cf_finger_chaff follows): codes of random
    /// triangles, three minutiae uniform in the sensor window with uniform directions, so that chaff
    /// codes obey the same geometry as genuine ones (sides in [MinSide, MaxSide), the side order of a
    /// real triangle); each with a y uniform in GF(2^31 - 1) and an x distinct from every point already
    /// in the vault.
    /// </summary>
    /// <remarks>
    /// The random bytes come in blocks of <see cref="BlockBytes"/> from one HMAC_DRBG request each (a
    /// word at a time cost three HMACs a word). An attempt starts only with <see cref="AttemptBytes"/>
    /// left in the block and reads its words in a fixed order: x0, y0, x1, y1 (stopping there when the
    /// first side is out of range), x2, y2 (stopping when another side is), the three directions, then
    /// y (after the code is known to be new). Positions are 32-bit words modulo the window's side,
    /// directions 16 bits, y 31 bits with the value 2^31 - 1 refused: the accepted triangles and values
    /// have exactly the distribution of drawing every word up front, since a refused attempt only skips
    /// words, and words are independent.
    /// Security: chaff is public once locked and depends on no secret.
    /// </remarks>
    internal static class VaultChaff
    {
        /// <summary>Random bytes drawn per HMAC_DRBG request.</summary>
        public const int BlockBytes = 2048;

        /// <summary>Most random bytes one attempt reads: six positions, three directions and one y.</summary>
        public const int AttemptBytes = 40;

        /// <summary>One chaff attempt after another from <paramref name="random"/> (see the remarks); returns the vault's new count.</summary>
        public static int Fill(byte[] random, uint[] xs, uint[] ys, int count, int size, int[] tries, int maxTries)
        {
            MinutiaSet triangle = new MinutiaSet(3);
            CodeBuffer code = new CodeBuffer(1);
            int[] bins = new int[6];
            float[] fractions = new float[6];
            try
            {
                int used = 0;
                while (count < size && tries[0] < maxTries && random.Length - used >= AttemptBytes)
                {
                    int r = used;
                    tries[0]++;
                    triangle.Clear();
                    triangle.Add(Position(random, r), Position(random, r + 4), MinutiaSet.Ending, 0f, 1f);
                    triangle.Add(Position(random, r + 8), Position(random, r + 12), MinutiaSet.Ending, 0f, 1f);
                    used += 16;
                    if (!TripletEncoder.SideInRange(TripletEncoder.Distance(triangle, 0, 1)))
                    {
                        continue;
                    }

                    triangle.Add(Position(random, r + 16), Position(random, r + 20), MinutiaSet.Ending, 0f, 1f);
                    used += 8;
                    if (!TripletEncoder.SideInRange(TripletEncoder.Distance(triangle, 0, 2))
                        || !TripletEncoder.SideInRange(TripletEncoder.Distance(triangle, 1, 2)))
                    {
                        continue;
                    }

                    for (int v = 0; v < 3; v++)
                    {
                        triangle.Angle[v] = (Word(random, r + 24 + (4 * v)) & 0xFFFF) * Angles.TwoPi / 65536f;
                    }

                    used += 12;
                    if (TripletEncoder.Encode(triangle, false, code, bins, fractions) != 1 || Contains(xs, count, code[0]))
                    {
                        continue;
                    }

                    uint y = Word(random, r + 36) & PrimeField.P;
                    used += 4;
                    if (y == PrimeField.P)
                    {
                        continue;
                    }

                    xs[count] = code[0];
                    ys[count] = y;
                    count++;
                }

                return count;
            }
            finally
            {
                triangle.Clear();
                code.Wipe();
                CardFirmware.Crypto.Wipe.Ints(bins);
                Workspace.WipeFloats(fractions);
            }
        }

        private static int Position(byte[] random, int at)
        {
            return (int)(Word(random, at) % FrameGeometry.Side);
        }

        private static uint Word(byte[] random, int at)
        {
            return ((uint)random[at] << 24) | ((uint)random[at + 1] << 16) | ((uint)random[at + 2] << 8) | random[at + 3];
        }

        private static bool Contains(uint[] xs, int count, uint x)
        {
            for (int i = 0; i < count; i++)
            {
                if (xs[i] == x)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
