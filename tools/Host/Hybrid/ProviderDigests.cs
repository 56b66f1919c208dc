using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The 32-byte hash the provider's callers sign on every HTTP request (by the requester's key): SHA-256 over an ASCII
/// domain label and fixed-layout fields, so such a signature is valid for no other purpose. The card's approvals are
/// its own statement (<see cref="CardApprovalCheck"/>).
/// </summary>
public static class ProviderDigests
{
    private static readonly byte[] RequestLabel = Encoding.ASCII.GetBytes("CardFirmware/provider/request/1");

    /// <summary>Size of the request nonce, bytes.</summary>
    public const int NonceBytes = 16;

    /// <summary>
    /// The hash a request's signature covers: label ‖ method ‖ 0 ‖ path ‖ 0 ‖ key (33) ‖ nonce (16) ‖
    /// time (8, big-endian Unix seconds) ‖ SHA-256(body).
    /// </summary>
    public static byte[] Request(string method, string path, byte[] key, byte[] nonce, long unixSeconds, byte[] body)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(RequestLabel);
        h.AppendData(Encoding.ASCII.GetBytes(method));
        h.AppendData([0]);
        h.AppendData(Encoding.UTF8.GetBytes(path));
        h.AppendData([0]);
        h.AppendData(key);
        h.AppendData(nonce);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, unixSeconds);
        h.AppendData(time);
        h.AppendData(SHA256.HashData(body));
        return h.GetHashAndReset();
    }
}
