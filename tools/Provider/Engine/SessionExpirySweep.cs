using System.Data.Common;

namespace CardFirmware.Provider.Engine;

/// <summary>
/// Runs on every node: every <paramref name="interval"/> it expires the open sessions whose deadline has passed
/// (<see cref="ProviderEngine.ExpireOverdue"/>), so a session whose phone vanished does not stay open, its amount
/// reserved and its seed stored, until someone happens to touch it. Nodes sharing a database may sweep at the same
/// time: the store ends each session under its row lock, once.
/// </summary>
public sealed class SessionExpirySweep(ProviderEngine engine, TimeSpan interval, ILogger<SessionExpirySweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var expired = engine.ExpireOverdue();
                if (expired > 0)
                {
                    log.LogInformation("expired {Count} overdue sessions", expired);
                }
            }
            catch (DbException e)
            {
                // The database is unreachable for now; the next tick tries again.
                log.LogWarning("session expiry sweep failed: {Message}", e.Message);
            }
        }
    }
}
