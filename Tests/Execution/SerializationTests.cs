using System.Buffers;
using System.Collections.Immutable;
using GameCluster.Generated;
using GameCluster.Invocation;
using GameCluster.Metadata;
using GameCluster.Serialization;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.Execution;

[Collection(SiloCollection.Name)]
public sealed class SerializationTests(SiloFixture fixture)
{
    private SerializerSession Session => new(fixture.GrainFactory);

    [Fact]
    public void EveryFieldKind_RoundTrips()
    {
        var friend = fixture.GrainFactory.GetGrain<ILifecycleGrain>("friend");
        var original = NewEverything(friend);

        var copy = RoundTrip<Everything, Everything>(original, Codec_GameCluster_Tests_TestGrains_Everything.WriteField, Codec_GameCluster_Tests_TestGrains_Everything.ReadField);

        AssertEquivalent(original, copy);
        Assert.Equal(friend, copy.Friend);
    }

    [Fact]
    public void NewerWriter_OlderReader_SkipsUnknownFields()
    {
        var v2 = new LoadoutV2("tank", 4, [new Item("axe", Rarity.Rare, 3, 9.5m, ["melee"])]);

        var v1 = RoundTrip<LoadoutV2, LoadoutV1>(v2, Codec_GameCluster_Tests_TestGrains_LoadoutV2.WriteField, Codec_GameCluster_Tests_TestGrains_LoadoutV1.ReadField);

        Assert.Equal(new LoadoutV1("tank", 4), v1);
    }

    [Fact]
    public void OlderWriter_NewerReader_DefaultsMissingFields()
    {
        var v1 = new LoadoutV1("healer", 2);

        var v2 = RoundTrip<LoadoutV1, LoadoutV2>(v1, Codec_GameCluster_Tests_TestGrains_LoadoutV1.WriteField, Codec_GameCluster_Tests_TestGrains_LoadoutV2.ReadField);

        Assert.Equal("healer", v2.Name);
        Assert.Equal(2, v2.Slots);
        Assert.Null(v2.Items);
    }

    [Fact]
    public void DeepCopy_CopiesMutableGraphs_AndSharesImmutableValues()
    {
        var original = NewEverything(friend: null);

        var copy = Codec_GameCluster_Tests_TestGrains_Everything.DeepCopy(original);

        Assert.NotSame(original, copy);
        Assert.NotSame(original.Items, copy.Items);
        Assert.NotSame(original.Nested!["a"], copy.Nested!["a"]);
        Assert.NotSame(original.Bytes, copy.Bytes);
        Assert.Same(original.Item, copy.Item);
        AssertEquivalent(original, copy);
    }

    [Fact]
    public void TruncatedData_ThrowsWireFormatException()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Writer(buffer);
        Codec_GameCluster_Tests_TestGrains_LoadoutV1.WriteField(ref writer, 0, new LoadoutV1("long name here", 3), Session);
        writer.Commit();
        var truncated = buffer.WrittenMemory[..^3].ToArray();

        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new Reader(truncated);
            var type = reader.ReadTag(out _);
            return Codec_GameCluster_Tests_TestGrains_LoadoutV1.ReadField(ref reader, type, Session);
        });
    }

    [Fact]
    public void RequestArguments_RoundTrip_ThroughTheManifest()
    {
        var manifest = fixture.Silo.Services.GetRequiredService<GrainManifest>();
        var key = "GameCluster.Tests.TestGrains.IRegistryGrain.AddItemAsync(GameCluster.Tests.TestGrains.Inventory,System.String)";
        var request = manifest.CreateRequest(key)!;
        request.SetArgument(0, new Inventory { Items = ["bow"], Counts = new() { ["arrows"] = 20 } });
        request.SetArgument(1, "quiver");

        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Writer(buffer);
        request.WriteArguments(ref writer, Session);
        writer.Commit();
        var received = manifest.CreateRequest(key)!;
        var reader = new Reader(buffer.WrittenSpan);
        received.ReadArguments(ref reader, Session);

        var inventory = Assert.IsType<Inventory>(received.GetArgument(0));
        Assert.Equal(["bow"], inventory.Items);
        Assert.Equal(20, inventory.Counts["arrows"]);
        Assert.Equal("quiver", received.GetArgument(1));
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void MethodIds_AreStableHashesOfTheMethodKey_AndCreateTheSameRequestAsTheKey()
    {
        var manifest = fixture.Silo.Services.GetRequiredService<GrainManifest>();
        var key = "GameCluster.Tests.TestGrains.IRegistryGrain.AddItemAsync(GameCluster.Tests.TestGrains.Inventory,System.String)";

        // FNV-1a (32 bit): the id must never change between versions, or mixed-version clusters could not talk.
        Assert.Equal(0x1a47e90bu, MethodIds.Of("abc"));
        var byKey = manifest.CreateRequest(key)!;
        Assert.Equal(MethodIds.Of(key), byKey.Metadata.MethodId);
        Assert.IsType(byKey.GetType(), manifest.CreateRequest(byKey.Metadata.MethodId));
        Assert.Null(manifest.CreateRequest(MethodIds.Of("no such method")));
    }

    private delegate void Write<in T>(ref Writer writer, uint fieldId, T value, SerializerSession session);

    private delegate T Read<out T>(ref Reader reader, WireType wireType, SerializerSession session);

    private TOut RoundTrip<TIn, TOut>(TIn value, Write<TIn> write, Read<TOut> read)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Writer(buffer);
        write(ref writer, 3, value, Session);
        writer.Commit();
        var reader = new Reader(buffer.WrittenSpan);
        var type = reader.ReadTag(out var id);
        Assert.Equal(3u, id);
        var result = read(ref reader, type, Session);
        Assert.True(reader.IsAtEnd);
        return result;
    }

    private static Everything NewEverything(ILifecycleGrain? friend) => new()
    {
        Flag = true,
        Byte = 200,
        SByte = -100,
        Short = -30_000,
        UShort = 60_000,
        Int = int.MinValue,
        UInt = uint.MaxValue,
        Long = long.MinValue,
        ULong = ulong.MaxValue,
        Char = 'é',
        Float = 1.5f,
        Double = -2.25,
        Decimal = 79_228_162_514_264_337_593_543_950_335m,
        Text = "héllo 🎮",
        Guid = Guid.NewGuid(),
        DateTime = new DateTime(2026, 11, 21, 10, 30, 0, DateTimeKind.Utc),
        DateTimeOffset = new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(2)),
        TimeSpan = TimeSpan.FromMilliseconds(-1234.5),
        Bytes = [1, 2, 3],
        Rarity = Rarity.Legendary,
        MaybeInt = 0,
        Item = new Item("sword", Rarity.Rare, null, 12.5m, ["sharp", "shiny"]),
        Items = [new Item("a", Rarity.Common, 1, 0m, ImmutableArray<string>.Empty), new Item("b", Rarity.Rare, 2, 1m, default)],
        Nested = new() { ["a"] = [1, 2, 3], ["b"] = [] },
        Ids = [Guid.NewGuid(), Guid.NewGuid()],
        Numbers = [5, -5, int.MaxValue],
        Friend = friend,
        Names = new Dictionary<Rarity, string> { [Rarity.Common] = "grey", [Rarity.Legendary] = "gold" },
        GrainId = new GrainId("player", "p1"),
    };

    private static void AssertEquivalent(Everything expected, Everything actual)
    {
        Assert.Equal(expected.Flag, actual.Flag);
        Assert.Equal(expected.Byte, actual.Byte);
        Assert.Equal(expected.SByte, actual.SByte);
        Assert.Equal(expected.Short, actual.Short);
        Assert.Equal(expected.UShort, actual.UShort);
        Assert.Equal(expected.Int, actual.Int);
        Assert.Equal(expected.UInt, actual.UInt);
        Assert.Equal(expected.Long, actual.Long);
        Assert.Equal(expected.ULong, actual.ULong);
        Assert.Equal(expected.Char, actual.Char);
        Assert.Equal(expected.Float, actual.Float);
        Assert.Equal(expected.Double, actual.Double);
        Assert.Equal(expected.Decimal, actual.Decimal);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Guid, actual.Guid);
        Assert.Equal(expected.DateTime, actual.DateTime);
        Assert.Equal(expected.DateTime.Kind, actual.DateTime.Kind);
        Assert.Equal(expected.DateTimeOffset, actual.DateTimeOffset);
        Assert.Equal(expected.DateTimeOffset.Offset, actual.DateTimeOffset.Offset);
        Assert.Equal(expected.TimeSpan, actual.TimeSpan);
        Assert.Equal(expected.Bytes, actual.Bytes);
        Assert.Equal(expected.Rarity, actual.Rarity);
        Assert.Equal(expected.MaybeInt, actual.MaybeInt);
        Assert.Equal(expected.Item!.Name, actual.Item!.Name);
        Assert.Equal(expected.Item.Tags, actual.Item.Tags);
        Assert.Equal(expected.Item.Level, actual.Item.Level);
        Assert.Equal(expected.Items!.Select(i => (i.Name, i.Rarity, i.Level, i.Price)), actual.Items!.Select(i => (i.Name, i.Rarity, i.Level, i.Price)));
        Assert.True(actual.Items![1].Tags.IsDefault);
        Assert.Equal(expected.Nested, actual.Nested);
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Numbers, actual.Numbers);
        Assert.Equal(expected.Names, actual.Names);
        Assert.Equal(expected.GrainId, actual.GrainId);
    }
}
