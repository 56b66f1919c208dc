namespace CardFirmware.Biometrics
{
    /// <summary>Angle helpers for direction-free (modulo π) orientations, single precision.</summary>
    internal static class Angles
    {
        /// <summary>π as a float.</summary>
        public const float Pi = 3.14159265f;

        /// <summary>2π as a float.</summary>
        public const float TwoPi = 2f * Pi;

        /// <summary>The orientation θ in [0, π) whose doubled angle has the given sine and cosine.</summary>
        public static float HalfAngle(float sin2, float cos2)
        {
            float theta = 0.5f * (float)System.Math.Atan2(sin2, cos2);
            return WrapPi(theta);
        }

        /// <summary>Reduces <paramref name="angle"/> into [0, π).</summary>
        public static float WrapPi(float angle)
        {
            while (angle < 0f)
            {
                angle += Pi;
            }

            while (angle >= Pi)
            {
                angle -= Pi;
            }

            return angle;
        }

        /// <summary>Reduces <paramref name="angle"/> into [0, 2π).</summary>
        public static float WrapTwoPi(float angle)
        {
            while (angle < 0f)
            {
                angle += TwoPi;
            }

            while (angle >= TwoPi)
            {
                angle -= TwoPi;
            }

            return angle;
        }
    }
}
