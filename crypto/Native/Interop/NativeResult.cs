namespace CardFirmware.Crypto.Native
{
    /// <summary>The module's result codes (cfnative.h CF_OK ... CF_ERR_CHECK) and their managed errors.</summary>
    public static class NativeResult
    {
        /// <summary>CF_OK.</summary>
        public const int Ok = 0;

        /// <summary>CF_ERR_ENCODING: a scalar at or above n, or a malformed point encoding.</summary>
        public const int Encoding = 1;

        /// <summary>CF_ERR_ZERO: a zero scalar where a non-zero one is required.</summary>
        public const int Zero = 2;

        /// <summary>CF_ERR_POINT: a point off the curve, or a result at infinity.</summary>
        public const int Point = 3;

        /// <summary>CF_ERR_ARGUMENT: a length outside the contract (the managed checks should have caught it).</summary>
        public const int Argument = 4;

        /// <summary>CF_ERR_STATE: the module could not set itself up (curve context, self-test).</summary>
        public const int State = 5;

        /// <summary>CF_ERR_CHECK: a protocol consistency check (KOS, RVOLE) failed; the backend returns false for it.</summary>
        public const int CheckFailed = 6;

        /// <summary>Throws the <see cref="CryptoException"/> matching a non-zero <paramref name="code"/>.</summary>
        public static void Check(int code)
        {
            if (code == Ok)
            {
                return;
            }

            throw new CryptoException(ToError(code));
        }

        /// <summary>The <see cref="CryptoError"/> for a non-zero result code.</summary>
        public static CryptoError ToError(int code)
        {
            switch (code)
            {
                case Encoding:
                    return CryptoError.InvalidEncoding;
                case Zero:
                    return CryptoError.ZeroScalar;
                case Point:
                    return CryptoError.InvalidPoint;
                case Argument:
                    return CryptoError.InvalidLength;
                default:
                    return CryptoError.SelfTestFailed;
            }
        }
    }
}
