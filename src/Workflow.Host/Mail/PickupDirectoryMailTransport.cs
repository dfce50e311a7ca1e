using MimeKit;

namespace Workflow.Host.Mail;

/// <summary>The embedded default: each mail becomes an .eml file in the pickup folder, named after its Message-ID.</summary>
public sealed class PickupDirectoryMailTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Where(char.IsLetterOrDigit)) + ".eml";
        var path = Path.Combine(Directory, name);
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
            await message.WriteToAsync(stream, ct);
        // Atomic rename: a reader never sees half a mail, and a resend overwrites the same file.
        File.Move(temp, path, overwrite: true);
    }
}
