namespace CardFirmware.Biometrics
{
    /// <summary>
    /// Zhang-Suen parallel thinning (Zhang and Suen, CACM 27(3) 1984): peels ridge pixels off
    /// alternately from the south-east and north-west until every ridge is one pixel wide, keeping
    /// 8-connectivity and ridge ends.
    /// </summary>
    internal static class Thinning
    {
        private const byte Marked = 2;

        /// <summary>Thins the 0/1 map <paramref name="ridges"/> in place; returns the number of passes.</summary>
        public static int Run(byte[] ridges)
        {
            int passes = 0;
            bool changed = true;
            while (changed && passes < 64)
            {
                changed = Step(ridges, 0);
                changed |= Step(ridges, 1);
                passes++;
            }

            return passes;
        }

        private static bool Step(byte[] m, int phase)
        {
            const int side = FrameGeometry.Side;
            bool any = false;
            for (int y = 1; y < side - 1; y++)
            {
                for (int x = 1; x < side - 1; x++)
                {
                    int p = y * side + x;
                    if (m[p] != 1)
                    {
                        continue;
                    }

                    // Neighbours P2..P9 clockwise from north (Zhang-Suen numbering).
                    int p2 = m[p - side] != 0 ? 1 : 0;
                    int p3 = m[p - side + 1] != 0 ? 1 : 0;
                    int p4 = m[p + 1] != 0 ? 1 : 0;
                    int p5 = m[p + side + 1] != 0 ? 1 : 0;
                    int p6 = m[p + side] != 0 ? 1 : 0;
                    int p7 = m[p + side - 1] != 0 ? 1 : 0;
                    int p8 = m[p - 1] != 0 ? 1 : 0;
                    int p9 = m[p - side - 1] != 0 ? 1 : 0;
                    int neighbours = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
                    if (neighbours < 2 || neighbours > 6)
                    {
                        continue;
                    }

                    int transitions = Rise(p2, p3) + Rise(p3, p4) + Rise(p4, p5) + Rise(p5, p6)
                        + Rise(p6, p7) + Rise(p7, p8) + Rise(p8, p9) + Rise(p9, p2);
                    if (transitions != 1)
                    {
                        continue;
                    }

                    bool remove = phase == 0
                        ? p2 * p4 * p6 == 0 && p4 * p6 * p8 == 0
                        : p2 * p4 * p8 == 0 && p2 * p6 * p8 == 0;
                    if (remove)
                    {
                        m[p] = Marked;
                        any = true;
                    }
                }
            }

            for (int i = 0; i < m.Length; i++)
            {
                if (m[i] == Marked)
                {
                    m[i] = 0;
                }
            }

            return any;
        }

        private static int Rise(int a, int b)
        {
            return a == 0 && b == 1 ? 1 : 0;
        }
    }
}
