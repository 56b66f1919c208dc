namespace CardFirmware.DeviceMeter.Runtime;

/// <summary>
/// The phone side's random numbers while metering: the meter points the phone assemblies' calls
/// to <see cref="System.Security.Cryptography.RandomNumberGenerator"/> here (see
/// <c>PhoneSideRewriter</c>), so that session ids and the phone's ephemeral keys, and with them the
/// card's few public-data-dependent paths, repeat from run to run. For metering only: it is not a
/// cryptographic generator.
/// </summary>
public static class PhoneEntropy
{
    private static Random s_random = new(1);

    /// <summary>Restarts the sequence from <paramref name="seed"/>.</summary>
    public static void Initialize(int seed) => s_random = new Random(seed);

    /// <summary>Stands in for <c>RandomNumberGenerator.Fill(Span&lt;byte&gt;)</c>.</summary>
    public static void Fill(Span<byte> data) => s_random.NextBytes(data);

    /// <summary>Stands in for <c>RandomNumberGenerator.GetBytes(int)</c>.</summary>
    public static byte[] GetBytes(int count)
    {
        var bytes = new byte[count];
        s_random.NextBytes(bytes);
        return bytes;
    }
}
