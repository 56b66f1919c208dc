using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider;
using CardFirmware.Provider.Storage;

namespace CardFirmware.ProviderLoad;

/// <summary>
/// The fault drill: one provider process; <see cref="FaultOptions.Clients"/> clients each run, on a wallet of their
/// own, a cycle of key generation, phone-and-provider signing, refresh, recovery of the card, of the phone and of the
/// provider's share, and card-and-provider signing, while a killer SIGKILLs the provider
/// <see cref="FaultOptions.Kills"/> times at random moments (0.5 to 4 s after it last came up) and starts it again.
/// Clients resume every call until the provider is back (<see cref="ResumingProviderParty"/>); a client that gives
/// up aborts its session; every <see cref="FaultOptions.VanishEvery"/>th flow of a client vanishes mid-session
/// without a word, which only the provider's expiry can clean up. Afterwards it waits for the provider's deadline
/// and checks: no session left open; no ended session holding secret state; every wallet one stored share whose key
/// id is the card's and phone's from their last finished flow (none lost, none duplicated); no round committed
/// twice (audit); every stored share still signs with the phone and with the card.
/// </summary>
public static class FaultRun
{
    private static readonly string[] Cycle = ["sign phone+provider", "refresh", "recover card", "recover phone", "recover provider", "sign card+provider"];

    public static int Run(Args a)
    {
        var options = new FaultOptions(
            a.Get("--database", "sqlite:" + Path.Combine(Path.GetTempPath(), "provider-faults-" + Guid.NewGuid().ToString("N") + ".db")),
            a.Int("--kills", 100), a.Int("--clients", 4), a.Int("--seed", 1), a.Int("--session-timeout", 120), a.Int("--vanish-every", 25));
        return Drill(options, Console.Out).Passed ? 0 : 1;
    }

    /// <summary>Runs the drill, writes its report to <paramref name="output"/> and returns it.</summary>
    public static FaultReport Drill(FaultOptions o, TextWriter output)
    {
        var random = new Random(o.Seed);
        var keyFile = Path.GetTempFileName();
        File.WriteAllText(keyFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        using var node = new NodeProcess(o.Database, keyFile, "fault-node", "--session-timeout", o.SessionTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            node.Start();
            var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromMinutes(2) };
            var driver = new TwoOfThreeDriver(ProviderApp.Backend("native"));
            var policy = new ProviderPolicy(1_000_000, 1_000_000_000, 1_000_000, 0, []);
            var budget = TimeSpan.FromSeconds(o.SessionTimeout * 3 / 4.0);
            var report = new FaultReport { Kills = o.Kills };
            var current = new string?[o.Clients];
            var wallets = new DriverWallet[o.Clients];
            var stop = 0;

            var threads = Enumerable.Range(0, o.Clients).Select(c => new Thread(() =>
            {
                var vanishRandom = new Random(o.Seed * 7919 + c);
                var step = 0;
                for (var flow = 1; Volatile.Read(ref stop) == 0 || wallets[c] is null; flow++)
                {
                    var op = wallets[c] is null ? "create" : Cycle[step++ % Cycle.Length];
                    var vanishAt = o.VanishEvery > 0 && flow % o.VanishEvery == 0 ? 1 + vanishRandom.Next(op.StartsWith("sign", StringComparison.Ordinal) ? 3 : 4) : 0;
                    ResumingProviderParty? used = null;
                    ResumingProviderParty Party(PhoneKey key) =>
                        used = new ResumingProviderParty(new HttpProviderParty(http, key) { Attempts = 1 }) { Budget = budget, VanishAtRound = vanishAt };
                    current[c] = op;
                    report.Record(op, RunCounted(driver, Party, wallets, c, op, policy, () => used));
                    current[c] = null;
                }
            })).ToList();
            threads.ForEach(t => t.Start());

            for (var k = 0; k < o.Kills; k++)
            {
                Thread.Sleep(500 + random.Next(3500));
                foreach (var op in current)
                {
                    if (op is not null)
                    {
                        report.KilledDuring.AddOrUpdate(op, 1, (_, n) => n + 1);
                    }
                }

                node.Kill();
                node.Start();
            }

            Volatile.Write(ref stop, 1);
            threads.ForEach(t => t.Join());

            // Sessions whose client vanished, or could not reach the provider to abort, end at their deadline.
            var store = ProviderApp.Store(o.Database);
            var waitUntil = DateTime.UtcNow + TimeSpan.FromSeconds(o.SessionTimeout + 3 * Math.Clamp(o.SessionTimeout / 10, 1, 30) + 30);
            while (Open(store) > 0 && DateTime.UtcNow < waitUntil)
            {
                Thread.Sleep(1000);
            }

            report.SessionStates = store.SessionCounts();
            Check(store, driver, key => new ResumingProviderParty(new HttpProviderParty(http, key) { Attempts = 1 }) { Budget = budget }, wallets, report);
            report.Print(output);
            return report;
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    private static int Open(IProviderStore store) => store.SessionCounts().GetValueOrDefault(SessionState.Open);

    // Runs one flow and says how it ended.
    private static FlowOutcome RunCounted(
        TwoOfThreeDriver driver, Func<PhoneKey, ResumingProviderParty> party, DriverWallet[] wallets, int c, string op, ProviderPolicy policy, Func<ResumingProviderParty?> used)
    {
        try
        {
            RunOne(driver, party, wallets, c, op, policy);
            return used()!.AbortAnswered ? FlowOutcome.FinishedOnAbort : used()!.Resumes > 0 ? FlowOutcome.Resumed : FlowOutcome.Finished;
        }
        catch (ClientVanishedException)
        {
            return FlowOutcome.Vanished;
        }
        catch (ProviderRefusedException e) when (e.Reason is "session.expired" or "session.aborted")
        {
            return FlowOutcome.EndedByProvider;
        }
        catch (ProviderRefusedException e)
        {
            return FlowOutcome.Refused(e.Reason);
        }
        catch (Exception e) when (ResumingProviderParty.Transient(e))
        {
            return used()?.AbortAnswered == true ? FlowOutcome.GaveUpAborted : FlowOutcome.GaveUpUnreachable;
        }
        catch (Exception e)
        {
            return FlowOutcome.Failed(e.GetType().Name + ": " + e.Message);
        }
    }

    private static void RunOne(TwoOfThreeDriver driver, Func<PhoneKey, IProviderParty> party, DriverWallet[] wallets, int c, string op, ProviderPolicy policy)
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

    private static void Check(IProviderStore store, TwoOfThreeDriver driver, Func<PhoneKey, IProviderParty> party, DriverWallet[] wallets, FaultReport report)
    {
        var problems = report.Problems;
        var open = report.SessionStates.GetValueOrDefault(SessionState.Open);
        if (open > 0)
        {
            problems.Add($"{open} sessions still open after their deadline");
        }

        report.EndedHoldingSecrets = store.EndedSessionsHoldingSecrets();
        if (report.EndedHoldingSecrets > 0)
        {
            problems.Add($"{report.EndedHoldingSecrets} ended sessions still hold a seed, an inbox or an aborted session's reply");
        }

        var stored = store.Wallets();
        foreach (var w in wallets.Where(w => w is not null))
        {
            report.WalletsChecked++;
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

            // A round committed twice would be two allowed audit entries for one handle and round.
            var twice = store.AuditOf(w.Id).Where(e => e.Handle is not null && e.Action.StartsWith("round", StringComparison.Ordinal) && e.Allowed)
                .GroupBy(e => Convert.ToHexString(e.Handle!) + e.Action).Count(g => g.Count() > 1);
            report.RoundsCommittedTwice += twice;
            if (twice > 0)
            {
                problems.Add($"wallet {id}: {twice} rounds committed twice");
            }

            try
            {
                var tx = new ProviderTransaction(1, "final-check"u8.ToArray());
                Verify(w, ProviderTransaction.Hash(tx.Encode()), driver.SignPhoneAndProvider(party(w.Phone), w, tx));
                var hash = SHA256.HashData(w.Id);
                Verify(w, hash, driver.SignCardAndProvider(party(w.Phone), w, hash));
                report.WalletsSigning++;
            }
            catch (Exception e)
            {
                problems.Add($"wallet {id}: the stored share does not sign: {e.Message}");
            }
        }
    }
}

/// <summary>The fault drill's parameters; <see cref="SessionTimeout"/> is the provider's (seconds), <see cref="VanishEvery"/> 0 for never.</summary>
public sealed record FaultOptions(string Database, int Kills = 100, int Clients = 4, int Seed = 1, int SessionTimeout = 120, int VanishEvery = 25);
