using CardFirmware.Biometrics;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Protocol;
using CardFirmware.Host;

namespace CardFirmware.Card.Tests.Finger;

/// <summary>
/// The enrollment is stored only after the new vault opened for <see cref="EnrollmentConfirmation.Required"/>
/// of <see cref="EnrollmentConfirmation.Touches"/> fresh touches: a finger that does not confirm is refused
/// with a typed error and nothing reaches flash; a power cut before the commit leaves the card as it was;
/// a malformed request leaves the enrollment in progress as it was.
/// </summary>
public class EnrollmentConfirmationTests
{
    [Trait("Category", "Slow")]
    [Fact]
    public void Enroll_OwnerConfirms_StoresTheHelperDataOnlyAfterTheRequiredMatches()
    {
        var rig = new FingerRig();
        rig.Info();
        var before = rig.Image().Flash;

        var steps = rig.Session(client =>
        {
            var taken = EnrollmentTouches(client);
            for (var match = 1; match < EnrollmentConfirmation.Required; match++)
            {
                var step = client.EnrollTouch();
                Assert.Equal((EnrollOutcome.Confirming, match, EnrollmentConfirmation.Required, EnrollmentConfirmation.Touches - match),
                    (step.Outcome, step.Accepted, step.Required, step.ConfirmationTouchesLeft));
                taken.Add(step);
                Assert.Equal(before, rig.Image().Flash);
            }

            taken.Add(client.EnrollTouch());
            return taken;
        });

        Assert.Equal(EnrollOutcome.Confirming, steps[FingerKeyExtractor.EnrollmentTouches - 1].Outcome);
        Assert.Equal(EnrollOutcome.Complete, steps[^1].Outcome);
        Assert.NotEqual(before, rig.Image().Flash);
        Assert.True(rig.Info().Enrolled);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Enroll_AnotherFingerConfirms_IsRefusedWithEnrollmentNotConfirmed_AndStoresNothing()
    {
        var rig = new FingerRig();
        rig.Info();
        var before = rig.Image().Flash;

        rig.Session(client =>
        {
            EnrollmentTouches(client);
            rig.Touching(FingerRig.Stranger);
            var misses = EnrollmentConfirmation.Touches - EnrollmentConfirmation.Required + 1;
            for (var miss = 1; miss < misses; miss++)
            {
                var step = client.EnrollTouch();
                Assert.Equal((EnrollOutcome.ConfirmMissed, 0, EnrollmentConfirmation.Touches - miss),
                    (step.Outcome, step.Accepted, step.ConfirmationTouchesLeft));
            }

            // The miss that leaves too few touches to reach the required matches ends the enrollment.
            Assert.Equal(WireStatus.EnrollmentNotConfirmed, Assert.Throws<CardRefusedException>(() => client.EnrollTouch()).Status);
            Assert.Equal(before, rig.Image().Flash);

            // The refused enrollment is gone: the next touch starts a new one.
            rig.Touching(FingerRig.Owner);
            var restart = client.EnrollTouch();
            Assert.Equal((EnrollOutcome.TouchAccepted, 1), (restart.Outcome, restart.Accepted));
            return 0;
        });

        Assert.Equal(before, rig.Image().Flash);
        Assert.False(rig.Info().Enrolled);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Enroll_PowerCutDuringConfirmation_LeavesTheCardNotEnrolled_AndAFreshEnrollmentCompletes()
    {
        var rig = new FingerRig();
        rig.Info();
        var before = rig.Image();

        var cut = rig.Session(client =>
        {
            EnrollmentTouches(client);
            Assert.Equal(EnrollOutcome.Confirming, client.EnrollTouch().Outcome);
            Assert.Equal(EnrollOutcome.Confirming, client.EnrollTouch().Outcome);
            return rig.Image();
        });

        // The card as the cut left it: the same flash and eFuse, the RAM (and the vault being confirmed) gone.
        Assert.Equal(before.Flash, cut.Flash);
        Assert.Equal(before.Efuse, cut.Efuse);
        var rebooted = new FingerRig(rig.Config, cut, rig.PhoneKey);
        Assert.False(rebooted.Info().Enrolled);
        var steps = rebooted.Session(client => client.Enroll());
        Assert.Equal(FingerKeyExtractor.EnrollmentTouches + EnrollmentConfirmation.Required, steps.Count);
        Assert.True(rebooted.Info().Enrolled);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Enroll_MalformedRequestDuringConfirmation_IsRefused_AndTheConfirmationGoesOn()
    {
        var rig = new FingerRig();
        rig.Info();
        var before = rig.Image().Flash;

        var last = rig.Session(client =>
        {
            EnrollmentTouches(client);
            Assert.Equal(1, client.EnrollTouch().Accepted);
            Assert.Equal(WireStatus.MalformedRequest,
                Assert.Throws<CardRefusedException>(() => client.Exchange(CommandCode.Enroll, [0])).Status);
            Assert.Equal(before, rig.Image().Flash);
            EnrollProgress step;
            var matches = 1;
            do
            {
                step = client.EnrollTouch();
                matches++;
            }
            while (step.Outcome == EnrollOutcome.Confirming);

            Assert.Equal(EnrollmentConfirmation.Required, matches);
            return step;
        });

        Assert.Equal(EnrollOutcome.Complete, last.Outcome);
        Assert.True(rig.Info().Enrolled);
    }

    // The enrollment touches of the rig's owner (all accepted): the last one builds the vault and asks for confirmation.
    private static List<EnrollProgress> EnrollmentTouches(CardClient client)
    {
        var steps = new List<EnrollProgress>();
        for (var touch = 1; touch <= FingerKeyExtractor.EnrollmentTouches; touch++)
        {
            var step = client.EnrollTouch();
            steps.Add(step);
            Assert.Equal(touch == FingerKeyExtractor.EnrollmentTouches
                    ? (EnrollOutcome.Confirming, 0, EnrollmentConfirmation.Required, EnrollmentConfirmation.Touches)
                    : (EnrollOutcome.TouchAccepted, touch, FingerKeyExtractor.EnrollmentTouches, EnrollmentConfirmation.Touches),
                (step.Outcome, step.Accepted, step.Required, step.ConfirmationTouchesLeft));
        }

        return steps;
    }
}
