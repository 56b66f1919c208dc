using System.Security.Cryptography;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Protocol;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Finger;

/// <summary>
/// The lockout is sized from the measured rates (ApprovalPolicy): the owner locks the card during one
/// approval at most once in 10,000, an attacker with strangers' fingers gets in at most once in 1,000
/// over the whole budget, and the card enforces exactly that budget.
/// </summary>
public class ApprovalPolicyTests
{
    private const double FalseRejection = ApprovalPolicy.FalseRejectionPerMillion / 1e6;
    private const double FalseAcceptance = ApprovalPolicy.FalseAcceptancePerMillion / 1e6;

    [Fact]
    public void Owner_LocksTheCardDuringOneApproval_AtMostOnceIn10000()
    {
        Assert.True(Math.Pow(FalseRejection, ApprovalPolicy.LockoutTouches) <= 1e-4,
            $"{ApprovalPolicy.LockoutTouches} rejections in a row at FRR {FalseRejection}: {Math.Pow(FalseRejection, ApprovalPolicy.LockoutTouches):G3}");
    }

    [Fact]
    public void ConfirmedOwner_LocksTheCardDuringOneApproval_AtMostOnceIn10000_WithEachFingersOwnRate()
    {
        // Rejections cluster by finger, so the owners the card keeps are those whose enrollment confirmed:
        // finger f (measured rate r_f) passes with P(at least m of n fresh touches accepted), and the owners
        // who pass lock the card with the pass-weighted mean of r_f^L. Rates: rejected genuine touches per
        // finger of FVC2002 DB1_B crops at the card's operating point, 41 of 80 (tools/FingerprintEval).
        int[] rejectedOf8 = [3, 4, 8, 6, 2, 2, 1, 7, 4, 4];
        double passing = 0, locking = 0, lockingOneTouchFewer = 0;
        foreach (var rejected in rejectedOf8)
        {
            var r = rejected / 8.0;
            var pass = AtLeast(EnrollmentConfirmation.Required, EnrollmentConfirmation.Touches, 1 - r);
            passing += pass;
            locking += pass * Math.Pow(r, ApprovalPolicy.LockoutTouches);
            lockingOneTouchFewer += pass * Math.Pow(r, ApprovalPolicy.LockoutTouches - 1);
        }

        Assert.True(locking / passing <= 1e-4, $"confirmed owners lock with {locking / passing:G3}");
        Assert.True(lockingOneTouchFewer / passing > 1e-4, "one touch fewer would not meet the bound");
        // Without the check every finger is kept, and the finger that never matches locks its owner for sure.
        Assert.True(rejectedOf8.Average(x => Math.Pow(x / 8.0, ApprovalPolicy.LockoutTouches)) > 1e-4);
    }

    private static double AtLeast(int m, int n, double q)
    {
        double sum = 0;
        for (var k = m; k <= n; k++)
        {
            double choose = 1;
            for (var i = 1; i <= k; i++)
            {
                choose = choose * (n - k + i) / i;
            }

            sum += choose * Math.Pow(q, k) * Math.Pow(1 - q, n - k);
        }

        return sum;
    }

    [Fact]
    public void Lockout_IsTheSmallestThatKeepsTheOwnerOut_OfTheLock()
    {
        // One touch fewer would not meet the owner's bound: the attacker's budget is no larger than needed.
        Assert.True(Math.Pow(FalseRejection, ApprovalPolicy.LockoutTouches - 1) > 1e-4);
    }

    [Fact]
    public void AttackerWithStrangersFingers_SucceedsAtMostOnceIn1000_OverTheWholeBudget()
    {
        var success = 1.0 - Math.Pow(1.0 - FalseAcceptance, ApprovalPolicy.LockoutTouches);

        Assert.True(FalseAcceptance > 0, "the bound must rest on a measured, non-zero FAR upper bound");
        Assert.True(success <= 1e-3, $"{ApprovalPolicy.LockoutTouches} touches at FAR {FalseAcceptance}: {success:G3}");
    }

    [Fact]
    public void CardsLockout_IsThePolicys()
    {
        Assert.Equal(ApprovalPolicy.LockoutTouches, new CardConfig().MaxFailedTouches);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void StrangersFinger_GetsExactlyTheLockoutBudget_ThenTheCardIsLocked()
    {
        var config = FingerRig.FastConfig();
        var rig = new FingerRig(config);
        rig.Enroll();
        rig.CreateWallet();
        rig.Touching(FingerRig.Stranger);
        var statuses = new List<WireStatus>();

        for (var i = 0; i <= ApprovalPolicy.LockoutTouches; i++)
        {
            statuses.Add(Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData([(byte)i]))).Status);
        }

        // Touches 1 .. L - 1 are refused as not recognized, touch L locks, and the card stays locked.
        Assert.All(statuses.Take(ApprovalPolicy.LockoutTouches - 1), s => Assert.Equal(WireStatus.FingerNotRecognized, s));
        Assert.Equal(WireStatus.Locked, statuses[ApprovalPolicy.LockoutTouches - 1]);
        Assert.Equal(WireStatus.Locked, statuses[ApprovalPolicy.LockoutTouches]);
    }
}
