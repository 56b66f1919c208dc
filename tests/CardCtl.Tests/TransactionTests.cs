using System.Numerics;
using CardFirmware.CardCtl.Bitcoin;
using CardFirmware.CardCtl.Ethereum;
using NBitcoin;

namespace CardFirmware.CardCtl.Tests;

/// <summary>
/// Whole transactions: BIP-143 sighashes against the BIP's published example and NBitcoin, RLP against the
/// Ethereum wiki's examples, EIP-1559 encoding against Besu's published vectors (ethereumjs tx tests), and
/// a PSBT and an EIP-1559 transaction signed by the card, checked by NBitcoin's script interpreter and
/// by Nethereum's sender recovery.
/// </summary>
public sealed class TransactionTests
{
    // BIP-143, "Native P2WPKH" example: the unsigned transaction, its second input (P2WPKH, 6 BTC).
    private const string Bip143UnsignedTx =
        "0100000002fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf433541db4e4ad969f0000000000eeffffffef51e1b804cc89d182d279655c3aa89e815b1b309fe287d9b2b55d57b90ec68a0100000000ffffffff02202cb206000000001976a9148280b37df378db99f66f85c95a783a76ac7a6d5988ac9093510d000000001976a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac11000000";

    [Fact]
    public void Bip143Sighash_MatchesTheBipsNativeP2wpkhExample_AndNBitcoin()
    {
        var tx = Transaction.Parse(Bip143UnsignedTx, Network.Main);
        var keyHash = Convert.FromHexString("1d0f172a0ecb48aee1be1f2687d2963ae33f71a1");
        const long amount = 600_000_000;

        var sighash = Bip143.P2wpkhSighashAll(tx, 1, keyHash, amount);

        Assert.Equal("c37af31116d1b27caf68aae9e3ac82f1477929014d5b917657d0eb49478cb670", Convert.ToHexString(sighash).ToLowerInvariant());
        var script = new Script(Convert.FromHexString("00141d0f172a0ecb48aee1be1f2687d2963ae33f71a1"));
        var nbitcoin = tx.GetSignatureHash(new KeyId(keyHash).ScriptPubKey, 1, SigHash.All, new TxOut(Money.Satoshis(amount), script), HashVersion.WitnessV0);
        Assert.Equal(nbitcoin.ToBytes(), sighash);
    }

    [Theory]
    [InlineData("dog", "83646f67")]
    [InlineData("", "80")]
    [InlineData("Lorem ipsum dolor sit amet, consectetur adipisicing elit", "b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974")]
    public void RlpStrings_MatchTheWikisExamples(string text, string expected) =>
        Assert.Equal(expected, Convert.ToHexString(Rlp.String(System.Text.Encoding.ASCII.GetBytes(text))).ToLowerInvariant());

    [Fact]
    public void RlpIntegersAndLists_MatchTheWikisExamples()
    {
        Assert.Equal("80", Hex(Rlp.Integer(0)));
        Assert.Equal("0f", Hex(Rlp.Integer(15)));
        Assert.Equal("820400", Hex(Rlp.Integer(1024)));
        Assert.Equal("c0", Hex(Rlp.List()));
        Assert.Equal("c88363617483646f67", Hex(Rlp.List(Rlp.String("cat"u8.ToArray()), Rlp.String("dog"u8.ToArray()))));
        Assert.Equal("c7c0c1c0c3c0c1c0", Hex(Rlp.List(Rlp.List(), Rlp.List(Rlp.List()), Rlp.List(Rlp.List(), Rlp.List(Rlp.List())))));
    }

    // Besu's EIP-1559 vectors as published in ethereumjs' tx tests (eip1559.json; chain id 0x1e8e): the signed
    // transaction (the vector wraps it in one more RLP string), and the key it was signed with.
    [Theory]
    [InlineData(819, 43203529, 35552, 75853, 121212,
        "02f870821e8e8203338301284d8301d97c828ae094000000000000000000000000000000000000aaaa8402933bc980c080a0d067f2167008c59219652f91cbf8788dbca5f771f6e91e2b7657e85b78b472e0a01d305af9fe81fdba43f0dfcd400ed24dcace0a7e30d4e85701dcaaf484cd079e")]
    [InlineData(353, 61901619, 32593, 38850, 136295,
        "02f86f821e8e8201618297c283021467827f5194000000000000000000000000000000000000aaaa8403b08b3380c001a004205678f13fc1d7b10feea6513dfa76e24418b6e08097d95c6f93a3b64e536da01d45ad61bfece43862de2cce7d2575a8c1d08c26c87f3cb5f26d7b0be54a91b2")]
    public void Eip1559Encoding_ReproducesBesusSignedVectors_AndItsSigningHashRecoversTheSigner(
        long nonce, long value, long gasLimit, long tip, long maxFee, string signedHex)
    {
        var tx = new Eip1559Transaction(0x1e8e, nonce, tip, maxFee, gasLimit, Convert.FromHexString("000000000000000000000000000000000000aaaa"), value, []);
        var signed = Convert.FromHexString(signedHex);
        var signature = signed[^65..^33].Concat(signed[^32..]).ToArray();
        var yParity = signed[^67] == 0x80 ? 0 : signed[^67];

        Assert.Equal(signed, tx.Signed(yParity, signature));
        var curve = Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("secp256k1");
        var privateKey = new Org.BouncyCastle.Math.BigInteger("8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63", 16);
        var publicKey = curve.G.Multiply(privateKey).Normalize().GetEncoded(true);
        Assert.Equal(yParity, Recovery.RecoveryId(publicKey, tx.SigningHash(), signature));
    }

    [Fact]
    public void Eip1559SigningHash_AgreesWithNethereum()
    {
        var to = "0x3535353535353535353535353535353535353535";
        var tx = new Eip1559Transaction(1, 9, 2_000_000_000, 30_000_000_000, 21_000, Convert.FromHexString(to[2..]), BigInteger.Pow(10, 18), [0xde, 0xad]);
        var nethereum = new Nethereum.Model.Transaction1559(1, 9, 2_000_000_000, 30_000_000_000, 21_000, to, BigInteger.Pow(10, 18), "0xdead", null);

        Assert.Equal(nethereum.RawHash, tx.SigningHash());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void SignPsbt_SignsBothWalletInputs_AndTheFinalizedTransactionPassesNBitcoinsScriptVerifier()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);
        var key0 = new PubKey(cli.Json("address", "--path", "m/0/0").Json["pubkey"]!.GetValue<string>());
        var key1 = new PubKey(cli.Json("address", "--path", "m/0/1").Json["pubkey"]!.GetValue<string>());
        var funding = Transaction.Create(Network.Main);
        funding.Inputs.Add(new OutPoint(uint256.One, 0));
        funding.Outputs.Add(Money.Coins(0.4m), key0.WitHash.ScriptPubKey);
        funding.Outputs.Add(Money.Coins(0.7m), key1.WitHash.ScriptPubKey);
        var spend = Transaction.Create(Network.Main);
        spend.Inputs.Add(new OutPoint(funding, 0));
        spend.Inputs.Add(new OutPoint(funding, 1));
        spend.Outputs.Add(Money.Coins(1.0m), new Key().PubKey.WitHash.ScriptPubKey);
        spend.Outputs.Add(Money.Coins(0.0999m), key0.WitHash.ScriptPubKey);
        var psbt = PSBT.FromTransaction(spend, Network.Main);
        psbt.Inputs[0].WitnessUtxo = funding.Outputs[0];
        psbt.Inputs[1].WitnessUtxo = funding.Outputs[1];
        psbt.Inputs[1].AddKeyPath(key1, new RootedKeyPath(new HDFingerprint(0x01020304), new KeyPath("0/1")));

        var (code, json) = cli.Json("sign-psbt", "--psbt", psbt.ToBase64(), "--path", "m/0/0");

        Assert.True(code == 0, json.ToJsonString());
        Assert.True(json["finalized"]!.GetValue<bool>());
        var signed = Transaction.Parse(json["tx"]!.GetValue<string>(), Network.Main);
        Assert.Equal(spend.GetHash(), signed.GetHash());
        var coins = new[] { new Coin(funding, 0u), new Coin(funding, 1u) };
        for (var i = 0; i < 2; i++)
        {
            Assert.True(signed.Inputs.AsIndexedInputs().ElementAt(i).VerifyScript(coins[i].TxOut, ScriptVerify.Standard, out var error), $"input {i}: {error}");
        }

        var builder = Network.Main.CreateTransactionBuilder().AddCoins(coins);
        Assert.True(builder.Verify(signed, out var errors), string.Join("; ", errors.Select(e => e.ToString())));
        Assert.Equal("m/0/1", json["inputs"]![1]!["path"]!.GetValue<string>());
        Assert.Equal(signed.GetHash().ToString(), json["txid"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void SignEthTx_GivesARawTransactionWhoseRecoveredSender_IsTheCardsAddress()
    {
        using var cli = new Cli();
        cli.Restore(Cli.Wallet);
        var address = cli.Json("address", "--path", "m/0/2").Json["eth"]!.GetValue<string>();

        var (code, json) = cli.Json("sign-eth-tx", "--chain-id", "1", "--nonce", "7", "--max-priority-fee", "2000000000",
            "--max-fee", "30000000000", "--to", "0x3535353535353535353535353535353535353535", "--value", "1000000000000000000", "--path", "m/0/2");

        Assert.True(code == 0, json.ToJsonString());
        var raw = json["raw"]!.GetValue<string>();
        Assert.StartsWith("0x02", raw);
        var decoded = (Nethereum.Model.Transaction1559)Nethereum.Model.TransactionFactory.CreateTransaction(raw);
        Assert.Equal(new BigInteger(7), decoded.Nonce);
        Assert.Equal(BigInteger.Pow(10, 18), decoded.Amount);
        var sender = Nethereum.Signer.EthECKeyBuilderFromSignedTransaction.GetEthECKey(decoded).GetPublicAddress();
        Assert.Equal(address, sender, ignoreCase: true);
        Assert.Equal(address, json["from"]!.GetValue<string>());
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
