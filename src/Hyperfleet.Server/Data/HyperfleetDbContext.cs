using Hyperfleet.Contracts.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hyperfleet.Server.Data;

/// <summary>
/// The model shared by both providers. Each provider has its own subclass so that each keeps its own
/// migrations (SQLite and PostgreSQL DDL differ).
/// </summary>
public abstract class HyperfleetDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Hypervisor> Hypervisors => Set<Hypervisor>();
    public DbSet<HypervisorEvent> HypervisorEvents => Set<HypervisorEvent>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureHypervisor(modelBuilder.Entity<Hypervisor>());
        ConfigureEvent(modelBuilder.Entity<HypervisorEvent>());

        modelBuilder.Entity<User>(user =>
        {
            user.Property(u => u.Username).HasMaxLength(64);
            user.HasIndex(u => u.Username).IsUnique();
            user.Property(u => u.Role).HasMaxLength(16);
        });
        modelBuilder.Entity<ApiToken>(token =>
        {
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        SnakeCaseNames.Apply(modelBuilder);
    }

    private static void ConfigureHypervisor(EntityTypeBuilder<Hypervisor> hypervisor)
    {
        hypervisor.HasKey(h => h.Id);
        hypervisor.Property(h => h.Id).HasMaxLength(63);
        hypervisor.Property(h => h.Hostname).HasMaxLength(255);
        hypervisor.Property(h => h.SshUser).HasMaxLength(32);
        hypervisor.Property(h => h.Description).HasMaxLength(1024);
        hypervisor.Property(h => h.Flavour).HasConversion(
            f => WireNames.Of(f),
            s => s == "hypervisor" ? HypervisorFlavour.Hypervisor : HypervisorFlavour.HypervisorStandalone).HasMaxLength(32);
        hypervisor.Property(h => h.VpnTunnelingMode).HasConversion(
            m => WireNames.Of(m),
            s => s == "geneve" ? VpnTunnelingMode.Geneve : VpnTunnelingMode.WireguardGeneve).HasMaxLength(32);
        hypervisor.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        hypervisor.Property(h => h.StatusReason).HasMaxLength(64);
        hypervisor.Property(h => h.Version).IsConcurrencyToken();
        hypervisor.HasIndex(h => h.Hostname);
    }

    private static void ConfigureEvent(EntityTypeBuilder<HypervisorEvent> evt)
    {
        evt.Property(e => e.HypervisorId).HasMaxLength(63);
        evt.Property(e => e.Actor).HasMaxLength(64);
        evt.Property(e => e.Kind).HasMaxLength(32);
        evt.Property(e => e.Reason).HasMaxLength(64);
        evt.HasIndex(e => new { e.HypervisorId, e.Id });
    }
}
