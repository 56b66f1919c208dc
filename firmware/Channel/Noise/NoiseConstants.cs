namespace CardFirmware.Channel.Noise
{
    /// <summary>Sizes and constants of Noise_XK_secp256k1_ChaChaPoly_SHA256 as framed by BOLT #8.</summary>
    public static class NoiseConstants
    {
        /// <summary>The only handshake version byte (BOLT #8, "Act One": version 0).</summary>
        public const byte Version = 0;

        /// <summary>Bytes of act one: version, ephemeral key (33), tag (16).</summary>
        public const int ActOneSize = 50;

        /// <summary>Bytes of act two: version, ephemeral key (33), tag (16).</summary>
        public const int ActTwoSize = 50;

        /// <summary>Bytes of act three: version, encrypted static key (33 + 16), tag (16).</summary>
        public const int ActThreeSize = 66;

        /// <summary>Bytes of a compressed secp256k1 public key.</summary>
        public const int PublicKeySize = 33;

        /// <summary>Bytes of a private key, a chaining key, a cipher key and the handshake hash.</summary>
        public const int KeySize = 32;

        /// <summary>Bytes of a ChaCha20-Poly1305 tag.</summary>
        public const int TagSize = 16;

        /// <summary>Bytes of an encrypted length prefix: 2-byte big-endian length plus its tag.</summary>
        public const int LengthHeaderSize = 2 + TagSize;

        /// <summary>Bytes a transport message adds to its plaintext: the length header and the body tag.</summary>
        public const int TransportOverhead = LengthHeaderSize + TagSize;

        /// <summary>The largest transport plaintext (the 2-byte length prefix).</summary>
        public const int MaxPlaintextSize = 65535;

        /// <summary>Nonces used per key before it is rotated (BOLT #8, "Lightning Message Key Rotation").</summary>
        public const int RotationInterval = 1000;

        /// <summary>The Noise protocol name hashed into the initial handshake hash.</summary>
        public const string ProtocolName = "Noise_XK_secp256k1_ChaChaPoly_SHA256";

        /// <summary>BOLT #8's prologue, used by its test vectors.</summary>
        public const string LightningPrologue = "lightning";

        /// <summary>This product's prologue: binds every handshake to this protocol and version.</summary>
        public const string ProductPrologue = "CardFirmware/1";
    }
}
