using Microsoft.Extensions.Options;

namespace GameCluster.Hosting;

/// <summary>Reports every invalid cluster identity setting at once.</summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    private const int MaxLength = 100;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        RequireId(failures, "ClusterId", options.ClusterId);
        RequireId(failures, "ServiceId", options.ServiceId);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Ids are segments of storage keys ({ServiceId}/{ClusterId}/...), so separators and white space are refused.
    private static void RequireId(List<string> failures, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            failures.Add($"{ClusterOptions.SectionName}:{name} is required.");
        }
        else if (value.Length > MaxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            failures.Add($"{ClusterOptions.SectionName}:{name} must be 1 to {MaxLength} letters, digits, '.', '_' or '-' (was '{value}').");
        }
    }
}
