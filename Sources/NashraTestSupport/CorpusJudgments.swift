/// The judged queries over the ANT corpus (``CorpusRelevance``): our own queries, with the corpus ids of
/// the articles a reader would want, found by reading candidates gathered with every spelling, prefix and
/// suffix variant of the query's words (never from a search engine's results). Each set has one to ten
/// articles; where two near-identical reports are both relevant, both are listed.
extension CorpusRelevance {
    typealias Judgment = SearchRelevance.Judgment

    static let judgments: [Judgment] = [
        Judgment(.stopwordTwins, "علي العريض المصالحة", ["JA-localNews-4577-20170514", "JA-politic-380-20170502"]),
        Judgment(
            .stopwordTwins, "حادث بئر علي بن خليفة",
            ["JA-localNews-4718-20170609", "JA-society-1026-20170609", "JA-localNews-772-20160909"]),
        Judgment(
            .stopwordTwins, "أحداث سيدي علي بن عون",
            ["JA-localNews-4678-20170617", "JA-localNews-4679-20131229", "JA-localNews-4680-20150720"]),
        Judgment(
            .stopwordTwins, "منع الإمام",
            [
                "JA-localNews-2259-20140805", "JA-localNews-3166-20140802", "JA-localNews-4127-20151023",
                "JA-localNews-4818-20131129",
            ]),
        Judgment(
            .stopwordTwins, "إمام جامع تكفيري",
            [
                "JA-localNews-1263-20161127", "JA-localNews-4769-20160318", "JA-localNews-2674-20170312",
                "JA-localNews-4819-20140313",
            ]),
        Judgment(
            .prefixes, "للتطبيع",
            [
                "JA-localNews-3163-20161223", "JA-politic-265-20161220", "JA-politic-267-20151111",
                "JA-internationalNews-469-20160314", "JA-internationalNews-934-20160303", "JA-localNews-1369-20151130",
                "JA-politic-29-20161224", "JA-localNews-4687-20170402",
            ]),
        Judgment(
            .prefixes, "انفجار لغم بالكاف",
            [
                "JA-localNews-2670-20160113", "JA-localNews-3268-20170406", "JA-localNews-4514-20170610",
                "JA-localNews-4517-20170610",
            ]),
        Judgment(
            .prefixes, "الكوليرا باليمن",
            [
                "JA-internationalNews-973-20170528", "JA-internationalNews-974-20161028",
                "JA-internationalNews-1102-20170531", "JA-internationalNews-1126-20170611",
            ]),
        Judgment(
            .prefixes, "التهاب الكبد بالقصرين",
            [
                "JA-localNews-1013-20150405", "JA-localNews-1655-20170222", "JA-localNews-2569-20170310",
                "JA-localNews-3503-20170421", "JA-localNews-3526-20170424",
            ]),
        Judgment(.prefixes, "البوصفير بالقلعة الكبرى", ["JA-localNews-1435-20170218", "JA-localNews-1601-20170222"]),
        Judgment(.prefixes, "وكر دعارة بالقيروان", ["JA-society-99-13092014", "JA-society-492-20170304"]),
        Judgment(
            .nisba, "سفير فرنسا بتونس",
            [
                "JA-economy-25-20161227", "JA-localNews-32-20170122", "JA-localNews-2927-20170316",
                "JA-localNews-2928-20160407", "JA-localNews-2929-20170106", "JA-localNews-4686-20170327",
            ]),
        Judgment(.nisba, "ميسي مصر", ["JA-sport-452-20170220", "JA-sport-460-20170221", "JA-sport-722-20170308"]),
        Judgment(
            .nisba, "اختطاف طائرة ليبيا",
            [
                "JA-internationalNews-81-23122016", "JA-internationalNews-82-23122016",
                "JA-internationalNews-330-20161223", "JA-localNews-1578-20161223",
            ]),
        Judgment(
            .nisba, "سجون ليبيا",
            [
                "JA-localNews-1353-20170216", "JA-localNews-2115-20170303", "JA-localNews-2155-20170304",
                "JA-localNews-2156-20160218", "JA-localNews-2157-20161004",
            ]),
        Judgment(
            .nisba, "طائرة روسيا سيناء",
            ["JA-internationalNews-58-17112015", "JA-internationalNews-575-20151104"]),
        Judgment(
            .synonyms, "غالاكسي نوت 7",
            [
                "JA-culture-39-20170117", "JA-technology-2-20170117", "JA-diverse-146-20161011",
                "JA-technology-10-20161212", "JA-technology-11-20161207", "JA-technology-22-20161027",
                "JA-technology-26-20161014", "JA-technology-28-20161013", "JA-technology-46-20160903",
                "JA-technology-62-20170328",
            ]),
        Judgment(
            .synonyms, "بوتين",
            [
                "JA-internationalNews-645-20170404", "JA-internationalNews-652-20170404",
                "JA-internationalNews-596-20140214", "JA-internationalNews-731-20170412",
                "JA-internationalNews-58-17112015", "JA-internationalNews-653-20170403",
            ]),
        Judgment(
            .synonyms, "أولاند",
            [
                "JA-internationalNews-758-20170423", "JA-internationalNews-762-20160605",
                "JA-internationalNews-889-20170506", "JA-internationalNews-911-20170514", "JA-localNews-3586-20151016",
                "JA-politic-368-20140429", "JA-politic-369-20141127", "JA-internationalNews-1056-20151114",
                "JA-internationalNews-220-20161021",
            ]),
        Judgment(
            .synonyms, "فايسبوك بث الجرائم",
            [
                "JA-diverse-248-20170417", "JA-diverse-283-20170323", "JA-diverse-304-20170426",
                "JA-internationalNews-784-20170419", "JA-internationalNews-846-20170426", "JA-diverse-303-20170504",
            ]),
        Judgment(
            .synonyms, "ميركل الشاهد",
            [
                "JA-localNews-1172-20170211", "JA-localNews-1236-20170214", "JA-localNews-1234-20170214",
                "JA-internationalNews-272-20170214",
            ]),
        Judgment(
            .synonyms, "كاسبارجاك",
            [
                "JA-sport-282-20170209", "JA-sport-804-20170313", "JA-sport-857-20170316", "JA-sport-867-20170316",
                "JA-sport-940-20170331", "JA-sport-941-20170331", "JA-sport-1124-20161111",
            ]),
        Judgment(
            .latin, "paypal",
            [
                "JA-economy-167-20170315", "JA-technology-58-20170315", "JA-technology-71-20170315",
                "JA-localNews-2618-20160928", "JA-localNews-2619-20161009", "JA-technology-53-20170311",
            ]),
        Judgment(.latin, "ourmine", ["JA-diverse-281-20160606", "JA-internationalNews-305-20160628"]),
        Judgment(
            .latin, "Street View",
            ["JA-technology-38-20160714", "JA-technology-56-20160714", "JA-technology-63-20170321"]),
        Judgment(
            .latin, "BlackBerry",
            ["JA-culture-42-20170102", "JA-technology-5-20170102", "JA-technology-14-20161203"]),
        Judgment(
            .other, "دعارة مركز تدليك",
            ["JA-society-242-20170210", "JA-society-257-20170210", "JA-society-261-20170210"]),
        Judgment(
            .other, "عملية دهس ستوكهولم",
            [
                "JA-internationalNews-746-20170407", "JA-internationalNews-800-20170407",
                "JA-internationalNews-1051-20170407", "JA-internationalNews-1052-20170428",
                "JA-internationalNews-749-20170424", "JA-politic-336-20170408",
            ]),
        Judgment(
            .other, "دهس مصلين لندن",
            ["JA-internationalNews-1254-20170619", "JA-internationalNews-1255-20170619"]),
        Judgment(
            .other, "قرصنة حملة ماكرون",
            ["JA-internationalNews-881-20170506", "JA-internationalNews-889-20170506"]),
        Judgment(.other, "تسريب الباكالوريا قفصة", ["JA-localNews-4644-20170616", "JA-society-1023-20170610"]),
        Judgment(
            .other, "نبيل معلول مدربا للمنتخب",
            ["JA-sport-1029-20170416", "JA-sport-1048-20170424", "JA-sport-1055-20170424", "JA-sport-1066-20170423"]),
        Judgment(
            .other, "البوصفير صفاقس",
            [
                "JA-localNews-946-20170208", "JA-society-231-20170209", "JA-society-255-20170210",
                "JA-localNews-1196-20170213",
            ]),
    ]

    /// The spellings the synonym queries need, as a newsroom would list them (one group a line).
    static let synonymLines = [
        "غالاكسي، غالكسي، غلاكسي، جالكسي، جالاكسي، Galaxy",
        "بوتين، بوتن",
        "هولاند، أولاند، اولاند",
        "فايسبوك، فيسبوك، الفايسبوك، الفيسبوك، فيس بوك، فايس بوك",
        "ميركل، ماركل، ميركيل",
        "كاسبارجاك، كاسبرجاك، كسبرجاك، كاسبارزاك، كاسبارتشاك",
    ]
}
