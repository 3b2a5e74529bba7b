namespace GameCluster.Grains;

/// <summary>What became of an account request.</summary>
public enum AccountOutcome
{
    /// <summary>Signed in or registered.</summary>
    Succeeded,

    /// <summary>Registration failed: the username is taken.</summary>
    UsernameTaken,

    /// <summary>Sign-in failed: unknown account or wrong password (never told apart).</summary>
    InvalidCredentials,
}
