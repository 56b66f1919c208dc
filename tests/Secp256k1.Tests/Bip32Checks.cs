using System.Text;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>Shared BIP-32 chain checks: private derivation, public derivation where allowed, and round trips.</summary>
internal static class Bip32Checks
{
    public static void RunChain(byte[] seed, (uint[] Indices, string Xprv, string Xpub)[] steps)
    {
        var backend = ManagedSecp256k1Backend.Instance;
        using var master = ExtendedKey.FromSeed(backend, seed);
        foreach (var (indices, xprv, xpub) in steps)
        {
            using var key = master.DerivePath(indices);
            Assert.Equal(xprv, Encoding.ASCII.GetString(key.Serialize()));
            using var neutered = key.Neuter();
            Assert.Equal(xpub, Encoding.ASCII.GetString(neutered.Serialize()));

            // Parse round trips.
            using var parsedPrivate = ExtendedKey.Parse(backend, Encoding.ASCII.GetBytes(xprv));
            Assert.Equal(xprv, Encoding.ASCII.GetString(parsedPrivate.Serialize()));
            using var parsedPublic = ExtendedKey.Parse(backend, Encoding.ASCII.GetBytes(xpub));
            Assert.False(parsedPublic.IsPrivate);
            Assert.Equal(xpub, Encoding.ASCII.GetString(parsedPublic.Serialize()));

            // CKDpub: a non-hardened last step can be taken from the parent's xpub.
            if (indices.Length > 0 && indices[^1] < ExtendedKey.HardenedOffset)
            {
                using var parent = master.DerivePath(indices[..^1]);
                using var parentPublic = parent.Neuter();
                using var child = parentPublic.Derive(indices[^1]);
                Assert.Equal(xpub, Encoding.ASCII.GetString(child.Serialize()));
            }
            else if (indices.Length > 0)
            {
                using var parent = master.DerivePath(indices[..^1]);
                using var parentPublic = parent.Neuter();
                var e = Assert.Throws<CryptoException>(() => parentPublic.Derive(indices[^1]));
                Assert.Equal(CryptoError.InvalidKey, e.Error);
            }
        }
    }
}
