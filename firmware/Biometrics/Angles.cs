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

        /// <summary>
        /// The unit vector (cos θ, sin θ) of the orientation θ in [0, π) whose doubled angle points along
        /// (<paramref name="cos2"/>, <paramref name="sin2"/>), by the half-angle identities
        /// cos²θ = (1 + cos 2θ) / 2, sin²θ = (1 - cos 2θ) / 2 and 2 sin θ cos θ = sin 2θ, each root taken
        /// on the side where it is well conditioned: square roots and divisions only, no trigonometric
        /// function (the card's FPU is single precision; a double-precision cosine is a soft-float call).
        /// (1, 0) for the zero vector, as θ = 0.
        /// </summary>
        public static void Direction(float sin2, float cos2, out float cosTheta, out float sinTheta)
        {
            float r = (float)System.Math.Sqrt(cos2 * cos2 + sin2 * sin2);
            if (r == 0f)
            {
                cosTheta = 1f;
                sinTheta = 0f;
                return;
            }

            float c = cos2 / r;
            float s = sin2 / r;
            if (c >= 0f)
            {
                float h = (float)System.Math.Sqrt((1f + c) * 0.5f);
                cosTheta = s >= 0f ? h : -h;
                sinTheta = s / (2f * cosTheta);
            }
            else
            {
                sinTheta = (float)System.Math.Sqrt((1f - c) * 0.5f);
                cosTheta = s / (2f * sinTheta);
            }
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
