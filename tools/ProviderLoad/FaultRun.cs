using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider;
using CardFirmware.Provider.Storage;

namespace CardFirmware.ProviderLoad;

/// <summary>
/// The fault drill: one provider process; <c>--clients</c> clients each run, on a wallet of their own, a cycle of
/// key generation, phone-and-provider signing, refresh, recovery of the card, of the phone and of the provider's
/// share, and card-and-provider signing, while a killer SIGKILLs the provider <c>--kills</c> times at random moments
/// (0.5 to 4 s after it last came up) and starts it again. Clients retry until the provider is back. Afterwards it checks that
/// every flow either finished or was refused with a stable reason, that every stored share has the key id of the
/// card's and phone's shares from the last finished flow (none lost, none left behind), that no signing round
/// was committed twice, and that every wallet's stored share still signs with the phone and with the card.
/// </summary>
public static class FaultRun
{
    private static readonly string[] Cycle = ["sign phone+provider", "refresh", "recover card", "recover phone", "recover provider", "sign card+provider"];

    public static int Run(Args a)
    {
        var database = a.Get("--database", "sqlite:" + Path.Combine(Path.GetTempPath(), "provider-faults-" + Guid.NewGuid().ToString("N") + ".db"));
        var kills = a.Int("--kills", 100);
        var clients = a.Int("--clients", 4);
        var random = new Random(a.Int("--seed", 1));
        var keyFile = Path.GetTempFileName();
        File.WriteAllText(keyFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        using var node = new NodeProcess(database, keyFile, "fault-node");
        node.Start();
        var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromMinutes(2) };
        var driver = new TwoOfThreeDriver(ProviderApp.Backend("native"));
        var policy = new ProviderPolicy(1_000_000, 1_000_000_000, 1_000_000, 0, []);
        var current = new string?[clients];
        var killedDuring = new ConcurrentDictionary<string, int>();
        var finished = new ConcurrentDictionary<string, int>();
        var refused = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentBag<string>();
        var wallets = new DriverWallet[clients];
        var stop = 0;
        HttpProviderParty Party(PhoneKey key) => new(http, key) { Attempts = 200, RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(500) };

        var threads = Enumerable.Range(0, clients).Select(c => new Thread(() =>
        {
            var step = 0;
            while (Volatile.Read(ref stop) == 0 || wallets[c] is null)
            {
                var op = wallets[c] is null ? "create" : Cycle[step++ % Cycle.Length];
                current[c] = op;
                try
                {
                    RunOne(driver, Party, wallets, c, op, policy);
                    finished.AddOrUpdate(op, 1, (_, n) => n + 1);
                }
                catch (ProviderRefusedException e)
                {
                    refused.AddOrUpdate(op + ": " + e.Reason, 1, (_, n) => n + 1);
                }
                catch (Exception e)
                {
                    failures.Add(op + ": " + e.GetType().Name + ": " + e.Message);
                }

                current[c] = null;
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        for (var k = 0; k < kills; k++)
        {
            Thread.Sleep(500 + random.Next(3500));
            foreach (var op in current)
            {
                if (op is not null)
                {
                    killedDuring.AddOrUpdate(op, 1, (_, n) => n + 1);
                }
            }

            node.Kill();
            node.Start();
        }

        Volatile.Write(ref stop, 1);
        threads.ForEach(t => t.Join());
        Console.WriteLine($"{kills} SIGKILLs of the provider; flows in flight at the kills: " + string.Join(", ", killedDuring.OrderBy(kv => kv.Key).Select(kv => kv.Key + " " + kv.Value)));
        Console.WriteLine("finished flows: " + string.Join(", ", finished.OrderBy(kv => kv.Key).Select(kv => kv.Key + " " + kv.Value)));
        Console.WriteLine("refused flows: " + (refused.IsEmpty ? "none" : string.Join(", ", refused.Select(kv => kv.Key + " " + kv.Value))));
        foreach (var f in failures)
        {
            Console.WriteLine("FAILED " + f);
        }

        var problems = Check(ProviderApp.Store(database), driver, Party, wallets);
        foreach (var p in problems)
        {
            Console.WriteLine("CHECK FAILED " + p);
        }

        Console.WriteLine(failures.IsEmpty && problems.Count == 0 ? "all checks passed" : $"{failures.Count} failed flows, {problems.Count} failed checks");
        File.Delete(keyFile);
        return failures.IsEmpty && problems.Count == 0 ? 0 : 1;
    }

    private static void RunOne(TwoOfThreeDriver driver, Func<PhoneKey, HttpProviderParty> party, DriverWallet[] wallets, int c, string op, ProviderPolicy policy)
    {
        var w = wallets[c];
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(op + Guid.NewGuid()));
        switch (op)
        {
            case "create":
                var fresh = new DriverWallet(RandomNumberGenerator.GetBytes(16), PhoneKey.Generate(), PhoneKey.Generate());
                driver.Create(party(fresh.Phone), fresh, policy);
                wallets[c] = fresh;
                break;
            case "sign phone+provider":
                var tx = new ProviderTransaction(7, "fault-destination"u8.ToArray());
                Verify(w, ProviderTransaction.Hash(tx.Encode()), driver.SignPhoneAndProvider(party(w.Phone), w, tx));
                break;
            case "sign card+provider":
                Verify(w, hash, driver.SignCardAndProvider(party(w.Phone), w, hash));
                break;
            case "refresh":
                driver.Refresh(party(w.Phone), w);
                break;
            case "recover card":
                driver.RecoverCard(party(w.Phone), w, PhoneKey.Generate());
                break;
            case "recover phone":
                var phone = PhoneKey.Generate();
                driver.RecoverPhone(party(phone), w, phone);
                break;
            default:
                driver.RecoverProvider(party(w.Phone), w);
                break;
        }
    }

    private static void Verify(DriverWallet w, byte[] hash, byte[] signature)
    {
        if (!BouncyCastleEcdsa.Verify(w.PublicKey, hash, signature))
        {
            throw new InvalidOperationException("signature does not verify");
        }
    }

    private static List<string> Check(IProviderStore store, TwoOfThreeDriver driver, Func<PhoneKey, HttpProviderParty> party, DriverWallet[] wallets)
    {
        var problems = new List<string>();
        var stored = store.Wallets();
        Console.WriteLine($"stored wallets: {stored.Count}; sessions by state: " + string.Join(", ", store.SessionCounts().Select(kv => kv.Key + " " + kv.Value)));
        foreach (var w in wallets.Where(w => w is not null))
        {
            var id = Convert.ToHexString(w.Id)[..8];
            var rows = stored.Where(s => s.Id.AsSpan().SequenceEqual(w.Id)).ToList();
            if (rows.Count != 1)
            {
                problems.Add($"wallet {id}: {rows.Count} stored rows");
                continue;
            }

            if (!rows[0].KeyId.AsSpan().SequenceEqual(w.CardShare!.KeyId) || !rows[0].KeyId.AsSpan().SequenceEqual(w.PhoneShare!.KeyId))
            {
                problems.Add($"wallet {id}: the stored share's key id is not the card's and phone's");
            }

            // A signing round committed twice would be two audit entries for one handle and round.
            var twice = store.AuditOf(w.Id).Where(e => e.Handle is not null && e.Action.StartsWith("round", StringComparison.Ordinal) && e.Allowed)
                .GroupBy(e => Convert.ToHexString(e.Handle!) + e.Action).Where(g => g.Count() > 1).ToList();
            if (twice.Count > 0)
            {
                problems.Add($"wallet {id}: {twice.Count} rounds committed twice");
            }

            try
            {
                var tx = new ProviderTransaction(1, "final-check"u8.ToArray());
                Verify(w, ProviderTransaction.Hash(tx.Encode()), driver.SignPhoneAndProvider(party(w.Phone), w, tx));
                var hash = SHA256.HashData(w.Id);
                Verify(w, hash, driver.SignCardAndProvider(party(w.Phone), w, hash));
            }
            catch (Exception e)
            {
                problems.Add($"wallet {id}: the stored share does not sign: {e.Message}");
            }
        }

        Console.WriteLine($"checked {wallets.Count(w => w is not null)} wallets: key ids, rounds committed once, final signatures with phone+provider and card+provider");
        return problems;
    }
}
