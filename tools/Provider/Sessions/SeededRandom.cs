using System.Buffers.Binary;
using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Provider.Sessions;

/// <summary>
/// The provider party's randomness for one session: HMAC-SHA-256(seed, counter) blocks from a 32-byte seed drawn
/// at the session's opening and stored sealed. The party is deterministic given the seed and its inboxes, so any
/// node rebuilds it after a crash by replaying the committed inboxes, and no secret state is stored between rounds.
/// </summary>
/// <remarks>Security: a replay reproduces exactly the messages already committed and sent, because every inbox is
/// fixed by the commit of its round before the reply leaves (a different inbox for a committed round is refused),
/// so a seed never yields two different answers. The signer also hedges its nonces with its share
/// (crypto/Threshold README "Hedged secrets"). <see cref="Dispose"/> wipes the seed.</remarks>
public sealed class SeededRandom : IRandomSource, IDisposable
{
    private readonly byte[] _seed;
    private readonly byte[] _block = new byte[32];
    private readonly byte[] _counter = new byte[8];
    private ulong _next;
    private int _used = 32;

    public SeededRandom(byte[] seed)
    {
        _seed = (byte[])seed.Clone();
    }

    public void Fill(byte[] buffer, int offset, int count)
    {
        while (count > 0)
        {
            if (_used == _block.Length)
            {
                BinaryPrimitives.WriteUInt64BigEndian(_counter, _next++);
                HMACSHA256.HashData(_seed, _counter, _block);
                _used = 0;
            }

            var n = Math.Min(count, _block.Length - _used);
            Array.Copy(_block, _used, buffer, offset, n);
            _used += n;
            offset += n;
            count -= n;
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_seed);
        CryptographicOperations.ZeroMemory(_block);
    }
}
