namespace CardFirmware.Crypto.Threshold
{
    /// <summary>Domain-separation tags of the random oracle <see cref="Ro"/>; each use has its own.</summary>
    internal static class Tags
    {
        public const byte Prg = 1;
        public const byte KosChallenge = 2;
        public const byte OtRow = 3;
        public const byte Gadget = 4;
        public const byte VoleChallenge = 5;
        public const byte VoleCheck = 6;
        public const byte BaseOtSeed = 7;
        public const byte SchnorrChallenge = 8;
        public const byte DkgCommit = 9;
        public const byte DkgConfirm = 10;
        public const byte ChainCode = 11;
        public const byte KeyId = 12;
        public const byte SignCommit = 13;
        public const byte MessageScalar = 14;
        public const byte OtRowKey = 15;
        public const byte JointSessionId = 16;
    }
}
