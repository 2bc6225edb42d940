using ResilienceLab.Infrastructure.Local.EventPatterns;

namespace ResilienceLab.Infrastructure.Tests.Local.EventPatterns;

public sealed class EventPatternTests
{
    private const string OrderCreated = """
        {
          "version": "0", "id": "e-1", "source": "order-service", "detail-type": "Order Created",
          "account": "000000000000", "region": "us-east-1", "time": "2025-01-01T00:00:00Z", "resources": [],
          "detail": {
            "order_id": "ORD-12345", "customer_id": "CUST-67890", "total_amount": 99.99, "items": 3,
            "status": "PENDING", "express": true, "coupon": null, "email": "Buyer@Example.com",
            "tags": ["priority", "gift"], "ip": "10.0.0.42",
            "shipping": { "country": "DE", "zip": "10115" },
            "lines": [ { "sku": "A-1", "qty": 1 }, { "sku": "B-2", "qty": 2 } ]
          }
        }
        """;

    public static TheoryData<string, string, bool> MatchingCases => new()
    {
        // Exact values; a match array means any of them.
        { "exact string", """{"source":["order-service"]}""", true },
        { "exact string differs", """{"source":["payment-service"]}""", false },
        { "any of list", """{"source":["payment-service","order-service"]}""", true },
        { "two fields both match", """{"source":["order-service"],"detail-type":["Order Created"]}""", true },
        { "two fields one differs", """{"source":["order-service"],"detail-type":["Order Cancelled"]}""", false },
        { "exact number", """{"detail":{"items":[3]}}""", true },
        { "exact number as float", """{"detail":{"items":[3.0]}}""", true },
        { "exact number differs", """{"detail":{"items":[4]}}""", false },
        { "number does not match string", """{"detail":{"items":["3"]}}""", false },
        { "exact true", """{"detail":{"express":[true]}}""", true },
        { "exact false", """{"detail":{"express":[false]}}""", false },
        { "exact null", """{"detail":{"coupon":[null]}}""", true },
        { "null does not match string", """{"detail":{"status":[null]}}""", false },

        // Nested fields and absent fields.
        { "nested two levels", """{"detail":{"shipping":{"country":["DE"]}}}""", true },
        { "nested two levels differs", """{"detail":{"shipping":{"country":["FR"]}}}""", false },
        { "absent field", """{"detail":{"missing":["x"]}}""", false },
        { "absent parent", """{"other":{"x":["y"]}}""", false },
        { "pattern leaf on event object", """{"detail":{"shipping":["DE"]}}""", false },

        // Arrays in the event: match when one element does.
        { "event array contains", """{"detail":{"tags":["gift"]}}""", true },
        { "event array lacks", """{"detail":{"tags":["fragile"]}}""", false },
        { "event array of objects", """{"detail":{"lines":{"sku":["B-2"]}}}""", true },
        { "event array of objects none", """{"detail":{"lines":{"sku":["C-3"]}}}""", false },

        // prefix and suffix.
        { "prefix", """{"detail":{"order_id":[{"prefix":"ORD-"}]}}""", true },
        { "prefix differs", """{"detail":{"order_id":[{"prefix":"INV-"}]}}""", false },
        { "prefix is case sensitive", """{"detail":{"order_id":[{"prefix":"ord-"}]}}""", false },
        { "prefix ignoring case", """{"detail":{"order_id":[{"prefix":{"equals-ignore-case":"ord-"}}]}}""", true },
        { "prefix on number", """{"detail":{"items":[{"prefix":"3"}]}}""", false },
        { "prefix on array element", """{"detail":{"tags":[{"prefix":"pri"}]}}""", true },
        { "suffix", """{"detail":{"email":[{"suffix":".com"}]}}""", true },
        { "suffix differs", """{"detail":{"email":[{"suffix":".org"}]}}""", false },
        { "suffix ignoring case", """{"detail":{"email":[{"suffix":{"equals-ignore-case":"EXAMPLE.COM"}}]}}""", true },

        // anything-but.
        { "anything-but single differs", """{"detail":{"status":[{"anything-but":"SHIPPED"}]}}""", true },
        { "anything-but single equal", """{"detail":{"status":[{"anything-but":"PENDING"}]}}""", false },
        { "anything-but list differs", """{"detail":{"status":[{"anything-but":["SHIPPED","CANCELLED"]}]}}""", true },
        { "anything-but list contains", """{"detail":{"status":[{"anything-but":["SHIPPED","PENDING"]}]}}""", false },
        { "anything-but number differs", """{"detail":{"items":[{"anything-but":[1,2]}]}}""", true },
        { "anything-but number equal", """{"detail":{"items":[{"anything-but":3}]}}""", false },
        { "anything-but prefix differs", """{"detail":{"order_id":[{"anything-but":{"prefix":"INV-"}}]}}""", true },
        { "anything-but prefix equal", """{"detail":{"order_id":[{"anything-but":{"prefix":"ORD-"}}]}}""", false },
        { "anything-but suffix differs", """{"detail":{"email":[{"anything-but":{"suffix":".org"}}]}}""", true },
        { "anything-but suffix equal", """{"detail":{"email":[{"anything-but":{"suffix":".com"}}]}}""", false },
        { "anything-but absent field", """{"detail":{"missing":[{"anything-but":"x"}]}}""", false },
        { "anything-but prefix list differs", """{"detail":{"order_id":[{"anything-but":{"prefix":["INV-","CRD-"]}}]}}""", true },
        { "anything-but prefix list contains", """{"detail":{"order_id":[{"anything-but":{"prefix":["INV-","ORD-"]}}]}}""", false },
        { "anything-but ignoring case list", """{"detail":{"status":[{"anything-but":{"equals-ignore-case":["shipped","pending"]}}]}}""", false },
        { "anything-but string on number", """{"detail":{"items":[{"anything-but":"3"}]}}""", true },

        // numeric.
        { "numeric range inside", """{"detail":{"total_amount":[{"numeric":[">",0,"<=",100]}]}}""", true },
        { "numeric range above", """{"detail":{"total_amount":[{"numeric":[">",0,"<=",50]}]}}""", false },
        { "numeric inclusive upper edge", """{"detail":{"items":[{"numeric":[">",0,"<=",3]}]}}""", true },
        { "numeric exclusive upper edge", """{"detail":{"items":[{"numeric":[">",0,"<",3]}]}}""", false },
        { "numeric inclusive lower edge", """{"detail":{"items":[{"numeric":[">=",3]}]}}""", true },
        { "numeric exclusive lower edge", """{"detail":{"items":[{"numeric":[">",3]}]}}""", false },
        { "numeric equals", """{"detail":{"items":[{"numeric":["=",3]}]}}""", true },
        { "numeric equals differs", """{"detail":{"items":[{"numeric":["=",5]}]}}""", false },
        { "numeric on string", """{"detail":{"status":[{"numeric":[">",0]}]}}""", false },

        // exists.
        { "exists true present", """{"detail":{"status":[{"exists":true}]}}""", true },
        { "exists true absent", """{"detail":{"missing":[{"exists":true}]}}""", false },
        { "exists false absent", """{"detail":{"missing":[{"exists":false}]}}""", true },
        { "exists false present", """{"detail":{"status":[{"exists":false}]}}""", false },
        { "exists true on null value", """{"detail":{"coupon":[{"exists":true}]}}""", true },
        { "exists false under absent parent", """{"nothing":{"here":[{"exists":false}]}}""", true },
        { "exists true on object is not a leaf", """{"detail":{"shipping":[{"exists":true}]}}""", false },
        { "exists true on array of objects is not a leaf", """{"detail":{"lines":[{"exists":true}]}}""", false },
        { "exists false on array of objects", """{"detail":{"lines":[{"exists":false}]}}""", true },
        { "exists true on empty array", """{"resources":[{"exists":true}]}""", false },

        // equals-ignore-case.
        { "equals-ignore-case", """{"detail-type":[{"equals-ignore-case":"order created"}]}""", true },
        { "equals-ignore-case differs", """{"detail-type":[{"equals-ignore-case":"order cancelled"}]}""", false },

        // wildcard.
        { "wildcard trailing", """{"detail":{"order_id":[{"wildcard":"ORD-*"}]}}""", true },
        { "wildcard middle", """{"detail":{"email":[{"wildcard":"Buyer@*.com"}]}}""", true },
        { "wildcard several", """{"detail":{"order_id":[{"wildcard":"*D-1*4*"}]}}""", true },
        { "wildcard differs", """{"detail":{"order_id":[{"wildcard":"INV-*"}]}}""", false },
        { "wildcard no star is exact", """{"detail":{"order_id":[{"wildcard":"ORD-12345"}]}}""", true },
        { "wildcard overlapping segments", """{"detail":{"order_id":[{"wildcard":"ORD-1*12345"}]}}""", false },
        { "wildcard escaped star", """{"detail":{"order_id":[{"wildcard":"ORD\\*"}]}}""", false },

        // cidr.
        { "cidr inside", """{"detail":{"ip":[{"cidr":"10.0.0.0/24"}]}}""", true },
        { "cidr outside", """{"detail":{"ip":[{"cidr":"10.1.0.0/24"}]}}""", false },

        // $or, at the top and nested, and mixed filters in one array.
        { "$or first branch", """{"$or":[{"source":["order-service"]},{"detail-type":["Nope"]}]}""", true },
        { "$or second branch", """{"$or":[{"source":["nope"]},{"detail":{"items":[{"numeric":[">",2]}]}}]}""", true },
        { "$or no branch", """{"$or":[{"source":["nope"]},{"detail-type":["Nope"]}]}""", false },
        { "$or with sibling field failing", """{"source":["nope"],"$or":[{"detail-type":["Order Created"]},{"region":["us-east-1"]}]}""", false },
        { "$or nested", """{"detail":{"$or":[{"status":["SHIPPED"]},{"shipping":{"country":["DE"]}}]}}""", true },
        { "$or fields from one array element", """{"detail":{"lines":{"sku":["A-1"]},"$or":[{"lines":{"qty":[2]}},{"coupon":["X"]}]}}""", false },
        { "array element fields together", """{"detail":{"lines":{"sku":["B-2"],"qty":[2]}}}""", true },
        { "array element fields apart", """{"detail":{"lines":{"sku":["A-1"],"qty":[2]}}}""", false },
        { "mixed filters any of", """{"detail":{"status":[{"prefix":"SHIP"},"PENDING"]}}""", true },
    };

    [Theory]
    [MemberData(nameof(MatchingCases))]
    public void Matches_PatternAgainstOrderCreatedEvent_ReturnsExpected(string description, string pattern, bool expected)
    {
        var sut = EventPattern.Parse(pattern);

        Assert.True(expected == sut.Matches(OrderCreated), $"{description}: expected {(expected ? "a match" : "no match")} for {pattern}");
    }

    public static TheoryData<string, string> InvalidPatterns => new()
    {
        { """not json""", "not valid JSON" },
        { """["source"]""", "must be a JSON object" },
        { """{}""", "at least one field" },
        { """{"source":"order-service"}""", "must be in an array" },
        { """{"source":[]}""", "match array is empty" },
        { """{"source":[["a"]]}""", "arrays inside a match array" },
        { """{"detail":{"items":[{"numeric":[0,"<",5]}]}}""", "numeric: expected an operator" },
        { """{"detail":{"items":[{"numeric":[]}]}}""", "numeric: expected an operator" },
        { """{"detail":{"items":[{"numeric":["~",5]}]}}""", "numeric: expected an operator" },
        { """{"detail":{"items":[{"numeric":[">"]}]}}""", "numeric: expected a number after '>'" },
        { """{"detail":{"items":[{"numeric":[">","5"]}]}}""", "numeric: expected a number after '>'" },
        { """{"detail":{"items":[{"numeric":[">",1,">",2]}]}}""", "more than one lower bound" },
        { """{"detail":{"items":[{"numeric":["=",1,"<",2]}]}}""", "'=' cannot be combined" },
        { """{"detail":{"items":[{"numeric":[">",5,"<",1]}]}}""", "is empty" },
        { """{"detail":{"x":[{"exists":"yes"}]}}""", "exists: expected true or false" },
        { """{"detail":{"x":[{"prefix":5}]}}""", "prefix: expected a string" },
        { """{"detail":{"x":[{"suffix":{"wildcard":"a*"}}]}}""", "suffix: expected a string or" },
        { """{"detail":{"x":[{"equals-ignore-case":["a"]}]}}""", "equals-ignore-case: expected a string" },
        { """{"detail":{"x":[{"wildcard":"a**b"}]}}""", "consecutive '*'" },
        { """{"detail":{"x":[{"anything-but":[]}]}}""", "anything-but: the list is empty" },
        { """{"detail":{"x":[{"anything-but":{"numeric":[">",1]}}]}}""", "anything-but: only prefix" },
        { """{"detail":{"x":[{"anything-but":[{"prefix":"a"}]}]}}""", "anything-but: list items" },
        { """{"detail":{"x":[{"cidr":"banana"}]}}""", "cidr:" },
        { """{"detail":{"x":[{"regex":"a.*"}]}}""", "unknown operator 'regex'" },
        { """{"detail":{"x":[{"prefix":"a","suffix":"b"}]}}""", "exactly one operator" },
        { """{"$or":{"source":["a"]}}""", "$or: expected an array of at least two pattern objects" },
        { """{"$or":[{"source":["a"]}]}""", "$or: expected an array of at least two pattern objects, found 1" },
        { """{"$or":[{"prefix":["a"]},{"source":["b"]}]}""", "'prefix' is an operator name" },
        { """{"detail":{"x":[{"wildcard":"a\\bc"}]}}""", "escapes neither" },
        { """{"detail":{"x":[{"numeric":["<",5,">",1]}]}}""", "an upper bound ('<' or '<=') must come last" },
        { """{"detail":{"x":[{"numeric":[">",5,"<=",5]}]}}""", "is empty" },
        { """{"detail":{"x":[{"numeric":["<",1e400]}]}}""", "is not a number a double holds exactly" },
        { """{"detail":{"x":[{"anything-but":["a",1]}]}}""", "mixes strings and numbers" },
        { """{"detail":{"x":[{"anything-but":{"prefix":""}}]}}""", "an empty prefix is not allowed" },
        { """{"detail":{"x":[{"anything-but":{"suffix":["a",""]}}]}}""", "an empty suffix is not allowed" },
        { """{"detail":{"x":[{"anything-but":[null]}]}}""", "list items must be strings or numbers" },
        { """{"detail":{"x":[{"cidr":"10.0.0.1/32"}]}}""", "from 0 to 31" },
        { """{"detail":{"x":[{"cidr":"10.1/8"}]}}""", "is not an IPv4 or IPv6 address" },
        { """{"$or":["a"]}""", "$or: each branch must be a pattern object" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatterns))]
    public void Parse_InvalidPattern_ThrowsWithReason(string pattern, string reason)
    {
        var error = Assert.Throws<EventPatternException>(() => EventPattern.Parse(pattern));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Parse_InvalidNestedPattern_NamesTheFieldPath()
    {
        var error = Assert.Throws<EventPatternException>(() => EventPattern.Parse("""{"detail":{"total_amount":[{"numeric":["big"]}]}}"""));

        Assert.Contains("detail.total_amount", error.Message);
    }

    [Fact]
    public void Parse_InvalidFieldInsideOr_NamesTheBranch()
    {
        var error = Assert.Throws<EventPatternException>(() => EventPattern.Parse("""{"detail":{"$or":[{"a":["x"]},{"b":[{"numeric":[">",5,"<",1]}]}]}}"""));

        Assert.Equal("detail.$or[1].b", error.PatternPath);
        Assert.Contains("is empty", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("10.1", false)]
    [InlineData("10.0.0.01", false)]
    [InlineData("10.0.0.1", true)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:a00:1", true)]
    public void Matches_CidrOnAddressText_OnlyFullLiteralsAreAddresses(string address, bool expected)
    {
        var sut = EventPattern.Parse("""{"ip":[{"cidr":"10.0.0.0/8"}]}""");

        Assert.Equal(expected, sut.Matches($$"""{"ip":"{{address}}"}"""));
    }

    [Theory]
    [InlineData("""{"grid":[[1,2],[3,[4]]]}""", true)]
    [InlineData("""{"grid":[[1,2],[3]]}""", false)]
    [InlineData("""{"grid":[[{"cell":4}]]}""", false)]
    public void Matches_ArraysNestedInArrays_LooksIntoEveryLevel(string @event, bool expected)
    {
        var sut = EventPattern.Parse("""{"grid":[4]}""");

        Assert.Equal(expected, sut.Matches(@event));
    }

    [Theory]
    [InlineData("""{"n":3}""", true)]
    [InlineData("""{"n":3.0}""", true)]
    [InlineData("""{"n":3e0}""", true)]
    [InlineData("""{"n":3.0000000000000000001}""", false)]
    public void Matches_ExactNumber_ComparesValuesADoubleHoldsExactly(string @event, bool expected)
    {
        var sut = EventPattern.Parse("""{"n":[3]}""");

        Assert.Equal(expected, sut.Matches(@event));
    }

    [Fact]
    public void Matches_NumberBeyondADouble_ComparesByText()
    {
        var sut = EventPattern.Parse("""{"account":[123456789012345678901234]}""");

        Assert.True(sut.Matches("""{"account":123456789012345678901234}"""));
        Assert.False(sut.Matches("""{"account":123456789012345678901235}"""));
    }

    [Fact]
    public void Matches_DottedEventKey_LinesUpWithNestedPatternFields()
    {
        var sut = EventPattern.Parse("""{"detail":{"state":{"status":["running"]}}}""");

        Assert.True(sut.Matches("""{"detail":{"state.status":"running"}}"""));
    }

    [Fact]
    public void Matches_LargeScalarArraysAndAFailingField_TriesEachArrayMembershipOnce()
    {
        // Without trying a membership once per field, this is 2000^3 combinations before the last field fails.
        var values = string.Join(",", Enumerable.Range(0, 2000));
        var @event = $$"""{"a":[{{values}}],"b":[{{values}}],"c":[{{values}}],"d":"x"}""";
        var sut = EventPattern.Parse("""{"a":[{"exists":true}],"b":[{"exists":true}],"c":[{"exists":true}],"d":["y"]}""");

        Assert.False(sut.Matches(@event));
    }

    [Fact]
    public void Test_MatchingEvent_ReturnsTrue()
    {
        Assert.True(EventPatternTester.Test("""{"source":["order-service"]}""", OrderCreated));
    }

    [Fact]
    public void Test_NonMatchingEvent_ReturnsFalse()
    {
        Assert.False(EventPatternTester.Test("""{"source":["billing"]}""", OrderCreated));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    public void Test_InvalidEvent_Throws(string eventJson)
    {
        Assert.Throws<EventPatternException>(() => EventPatternTester.Test("""{"source":["a"]}""", eventJson));
    }

    [Fact]
    public void Test_InvalidPattern_Throws()
    {
        Assert.Throws<EventPatternException>(() => EventPatternTester.Test("""{"source":"a"}""", OrderCreated));
    }
}
