using CardFirmware.Host;

namespace CardFirmware.CardCtl.Tests;

/// <summary>The sleeve's pairing code: a checksum that catches typos, old and future versions refused in words.</summary>
public sealed class PairingCodeTests
{
    private static readonly byte[] Key = Convert.FromHexString("02" + new string('5', 64));

    [Fact]
    public void APayload_RoundTrips_InEitherCase()
    {
        var payload = PairingQr.Payload(Key);

        Assert.Matches("^cardfw:2:[0-9a-f]{66}:[0-9a-f]{8}$", payload);
        Assert.Equal(Key, PairingQr.Parse(payload));
        Assert.Equal(Key, PairingQr.Parse("  " + payload.ToUpperInvariant() + "\n"));
    }

    [Fact]
    public void EveryOneCharacterTypo_InTheKeyOrChecksum_IsCaught()
    {
        var payload = PairingQr.Payload(Key);
        var start = "cardfw:2:".Length;
        for (var at = start; at < payload.Length; at++)
        {
            if (payload[at] == ':')
            {
                continue;
            }

            foreach (var digit in "0123456789abcdef")
            {
                if (digit == payload[at])
                {
                    continue;
                }

                var typo = payload[..at] + digit + payload[(at + 1)..];
                var refused = Assert.Throws<FormatException>(() => PairingQr.Parse(typo));
                Assert.True(refused.Message.Contains("typo", StringComparison.Ordinal) || refused.Message.Contains("compressed", StringComparison.Ordinal), refused.Message);
            }
        }
    }

    [Theory]
    [InlineData("cardfw:1:02" + "5555555555555555555555555555555555555555555555555555555555555555", "version 1")]
    [InlineData("cardfw:3:anything", "update")]
    [InlineData("https://example.com", "Not a card pairing code")]
    [InlineData("cardfw:2:025555:12345678", "wrong length")]
    public void OtherVersionsAndShapes_AreRefusedInWords(string payload, string expected)
    {
        var refused = Assert.Throws<FormatException>(() => PairingQr.Parse(payload));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void PairingWithATypo_IsAUsageError_ThatSaysTypo()
    {
        using var cli = new Cli();
        var qr = Cli.Field(cli.Ok("provision"), "qr:");
        var typo = qr[..20] + (qr[20] == '0' ? '1' : '0') + qr[21..];

        var result = cli.Run("pair", "--qr", typo);

        Assert.Equal(2, result.Code);
        Assert.Contains("typo", result.Error);
    }
}
