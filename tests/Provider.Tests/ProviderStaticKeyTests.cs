using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Security;

namespace CardFirmware.Provider.Tests;

/// <summary>
/// The deployment's static key serves every session of a node at once: a relay seal derived for one card while another
/// request derives one for another card must still be that card's seal (firmware/Channel/Relay/RelaySeal).
/// </summary>
public sealed class ProviderStaticKeyTests
{
    [Fact]
    public void Seal_TwoCardsDerivingAtOnce_EachOpensItsOwnCardsMessage()
    {
        var store = ProviderApp.Store(Databases.Sqlite());
        store.Migrate();
        using var vault = new ShareVault(ProviderNode.NewShareKey());
        var backend = new MeetingBackend();
        using var key = ProviderStaticKey.Load(store, vault, null, backend);
        var cards = new[] { PhoneKey.Generate(), PhoneKey.Generate() };
        var sessionId = new byte[32];
        var message = "round 1 to the card"u8.ToArray();
        var opened = new bool[cards.Length];
        var errors = new Exception?[cards.Length];

        // Both derivations reach the point multiplication before either multiplies: the interleaving of two
        // concurrent requests on the node, made certain.
        var threads = cards.Select((card, i) => new Thread(() =>
        {
            try
            {
                using var providerSeal = key.Seal(card.PublicKey, sessionId)!;
                using var cardSeal = card.RelaySeal(key.PublicKey, sessionId, true)!;
                opened[i] = cardSeal.Open(1, providerSeal.Seal(1, message)) is not null;
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })).ToList();
        backend.Meet = new Barrier(cards.Length);
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal([null, null], errors);
        Assert.Equal([true, true], opened);
    }

    // The managed backend, whose point multiplication first waits (up to 10 s) until `Meet`'s participants all arrive.
    private sealed class MeetingBackend : ISecp256k1Backend
    {
        private readonly ISecp256k1Backend _inner = ManagedSecp256k1Backend.Instance;

        public Barrier? Meet { get; set; }

        public void PointMul(byte[] k, byte[] point, byte[] result)
        {
            Meet?.SignalAndWait(TimeSpan.FromSeconds(10));
            _inner.PointMul(k, point, result);
        }

        public bool ScalarReduce(byte[] x, byte[] result) => _inner.ScalarReduce(x, result);

        public void ScalarAdd(byte[] a, byte[] b, byte[] result) => _inner.ScalarAdd(a, b, result);

        public void ScalarMul(byte[] a, byte[] b, byte[] result) => _inner.ScalarMul(a, b, result);

        public void ScalarNegate(byte[] a, byte[] result) => _inner.ScalarNegate(a, result);

        public void ScalarInvert(byte[] a, byte[] result) => _inner.ScalarInvert(a, result);

        public void ScalarInvertVartime(byte[] a, byte[] result) => _inner.ScalarInvertVartime(a, result);

        public void BaseMul(byte[] k, byte[] result) => _inner.BaseMul(k, result);

        public void PointAdd(byte[] p, byte[] q, byte[] result) => _inner.PointAdd(p, q, result);

        public bool MultiMulVartime(byte[] a, byte[] b, byte[] point, byte[] result) => _inner.MultiMulVartime(a, b, point, result);

        public void ReencodePoint(byte[] point, bool compressed, byte[] result) => _inner.ReencodePoint(point, compressed, result);

        public void LiftX(byte[] x, byte[] result) => _inner.LiftX(x, result);
    }
}
