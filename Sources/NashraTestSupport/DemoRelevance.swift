import Foundation
import NashraCore
import Testing

/// The judged relevance set over the demo newsroom (``SearchRelevance``). The queries exercise what the
/// analyzer promises (alef/hamza, ة/ه and ى/ي variants, tashkeel and tatweel, prefixes, suffixes, digits,
/// stop-word twins, nisba) and what readers type (several words, a quoted phrase, an exclusion, a Latin
/// product name, a name spelled as the demo's synonym list allows).
///
/// Every backend runs both checks on a store seeded with the demo newsroom:
/// `try await DemoRelevance.judgedQueriesFindTheirArticles(in: store, now: now)`.
public enum DemoRelevance {
    typealias Judgment = SearchRelevance.Judgment

    /// The categories each demo query set must cover, with at least 0.8 recall@10 each.
    static let analyzerRules: [SearchRelevance.Category] = [
        .variantSpelling, .diacritics, .prefixes, .suffixes, .digits, .stopwordTwins, .nisba, .synonyms,
    ]

    public static func judgedQueriesFindTheirArticles<Store: ContentStore>(in store: Store, now: Date) async throws {
        let known = Set(try await allArticles(store, now: now).map(\.title))
        for judgment in judgments {
            for title in judgment.relevant {
                #expect(known.contains(title), "\(judgment.query): no demo article is titled \(title)")
            }
        }
        let synonyms = try await store.settings().synonyms
        #expect(!synonyms.groups.isEmpty, "the demo newsroom ships a synonym list")
        let scores = try await SearchRelevance.score(
            judgments, in: store, now: now, synonyms: synonyms, key: \.title)
        let (recall, mrr, byCategory) = SearchRelevance.report("demo, \(Store.self)", scores)
        #expect(scores.count == judgments.count && scores.count >= 45)
        #expect(recall >= 0.9, "mean recall@10 \(SearchRelevance.format(recall))")
        #expect(mrr >= 0.8, "MRR \(SearchRelevance.format(mrr))")
        for category in analyzerRules {
            let categoryRecall = byCategory[category]
            #expect(categoryRecall != nil, "no query for \(category.rawValue)")
            #expect((categoryRecall ?? 0) >= 0.8, "\(category.rawValue) recall@10 \(categoryRecall ?? 0)")
        }
    }

    /// The metric is not a rubber stamp: judged against an article from a section none of the relevant
    /// articles belongs to, the same queries score low.
    public static func wrongJudgmentsScoreLow<Store: ContentStore>(in store: Store, now: Date) async throws {
        let articles = try await allArticles(store, now: now)
        let sectionOf = Dictionary(uniqueKeysWithValues: articles.map { ($0.title, $0.sectionID) })
        let wrong = judgments.enumerated().map { index, judgment in
            let sections = Set(judgment.relevant.compactMap { sectionOf[$0] })
            let unrelated = articles.filter { !sections.contains($0.sectionID) }
            var altered = judgment
            altered.relevant = [unrelated[index % unrelated.count].title]
            return altered
        }
        let scores = try await SearchRelevance.score(
            wrong, in: store, now: now, synonyms: try await store.settings().synonyms, key: \.title)
        let (recall, mrr, _) = SearchRelevance.report("demo, wrong judgments, \(Store.self)", scores, details: false)
        #expect(recall < 0.3)
        #expect(mrr < 0.3)
    }

    static func allArticles<Store: ContentStore>(_ store: Store, now: Date) async throws -> [ArticleSummary] {
        try await store.articles(ArticleQuery(limit: 100), now: now).items
    }

    typealias T = DemoTitle

    static let judgments: [Judgment] = [
        // Alef and hamza forms, ة/ه and ى/ي written differently from the articles.
        Judgment(
            .variantSpelling, "الامم المتحدة",
            [T.unClimateFund, T.sahelFoodCrisis, T.damCollapse, T.noriaElectionMission, T.nairobiSolarFunding]),
        Judgment(.variantSpelling, "إنتخابات برلمانيه", [T.valdoriaElections, T.noriaElectionMission]),
        Judgment(.variantSpelling, "ازمه غذائيه", [T.sahelFoodCrisis]),
        Judgment(.variantSpelling, "الفصحي", [T.bayanDialectModel, T.dadLabModel]),
        Judgment(.variantSpelling, "سارة المالكى", [T.rihanMarathonRecord]),
        Judgment(.variantSpelling, "ارشادات وزارة الصحه", [T.heatWave45, T.heatWaveWarning]),
        Judgment(.variantSpelling, "افريقيا", [T.unClimateFund, T.sahelFoodCrisis, T.nairobiSolarFunding]),
        // Tashkeel and tatweel in the query, or in the article (عمّان، محوّل).
        Judgment(.diacritics, "الحَصْبَة", [T.measlesCampaign]),
        Judgment(.diacritics, "مَارَاثُون", [T.rihanMarathonRecord, T.wahaMarathonMovedUp]),
        Judgment(.diacritics, "الطاقــة الشمســية", [T.wahaSolarPlant, T.nairobiSolarFunding, T.dataCentres]),
        Judgment(.diacritics, "عمان", [T.bayanDialectModel]),
        Judgment(.diacritics, "محول كهربائي", [T.wahaWaterCut]),
        Judgment(.diacritics, "تصيُّد احتيالي", [T.googlePhishing]),
        Judgment(
            .diacritics, "الذَّكَاءُ الاصْطِنَاعِيُّ",
            [
                T.bayanDialectModel, T.googlePhishing, T.bookFairTranslation, T.sahelPay, T.dadLabModel,
                T.dataCentres, T.manuscripts,
            ]),
        // Prefixes the articles do not use on these words, and the reverse.
        Judgment(
            .prefixes, "والتضخم",
            [
                T.unClimateFund, T.valdoriaElections, T.centralBankRates, T.vegetablePrices, T.inflationSlows,
                T.sahelPay, T.wahaBookFair,
            ]),
        Judgment(.prefixes, "للطاقة المتجددة", [T.wahaSolarPlant, T.nairobiSolarFunding, T.dataCentres]),
        Judgment(.prefixes, "فالبنك المركزي", [T.centralBankRates, T.inflationSlows]),
        Judgment(.prefixes, "وبلدية الريحان", [T.rihanBusLine]),
        Judgment(.prefixes, "تطعيم", [T.measlesCampaign]),
        Judgment(.prefixes, "برنامج الفدية", [T.hospitalRansomware]),
        // Plural and pronoun suffixes.
        Judgment(.suffixes, "مخطوطات نادرة", [T.manuscripts]),
        Judgment(.suffixes, "المترجمون", [T.bookFairTranslation, T.wahaBookFair]),
        Judgment(.suffixes, "اللهجات العربية", [T.bayanDialectModel, T.dadLabModel]),
        Judgment(
            .suffixes, "موجات الحر",
            [
                T.birSalamWaterRota, T.vegetablePrices, T.rihanMarathonRecord, T.heatWave45, T.wahaWaterCut,
                T.wahaMarathonMovedUp, T.heatWaveWarning,
            ]),
        Judgment(.suffixes, "المشجعين", [T.shuruqComeback, T.womensLeague]),
        Judgment(.suffixes, "هجوم على مستشفى", [T.hospitalRansomware]),
        // Arabic-Indic and Persian digits against Western ones, and the reverse (the phishing story writes ١٢).
        Judgment(.digits, "١٥٠٠ ميغاواط", [T.wahaSolarPlant]),
        Judgment(.digits, "12 ألف رابط", [T.googlePhishing]),
        Judgment(.digits, "موجة حر ٤٥ درجة", [T.heatWave45]),
        Judgment(.digits, "٦٢٠ دار نشر", [T.bookFairTranslation]),
        Judgment(.digits, "۹۰۰ ألف طفل", [T.measlesCampaign]),
        // What readers type besides.
        Judgment(.other, "\"الحافلات السريعة\"", [T.rihanBusLine, T.rihanMarathonRecord, T.wahaBusLine]),
        Judgment(.other, "«الأمن السيبراني»", [T.hospitalRansomware, T.googlePhishing, T.sahelPay, T.tabaqLeak]),
        Judgment(.other, "الحافلات -الريحان", [T.mishwarPhonePayment, T.wahaBusLine, T.womensLeague]),
        Judgment(.other, "SAHEL pay", [T.sahelPay]),
        Judgment(.other, "انهيار سد وادي السرو", [T.damCollapse]),
        Judgment(.other, "نموذج ذكاء اصطناعي مفتوح", [T.bayanDialectModel, T.dadLabModel]),
        Judgment(.other, "تسريب بيانات العملاء", [T.tabaqLeak]),
        // Content words that fold onto a stop word: the name علي (على), آن (أن), آلي (إلى).
        Judgment(.stopwordTwins, "علي", [T.shuruqComeback]),
        Judgment(.stopwordTwins, "مراد بن علي", [T.shuruqComeback]),
        Judgment(.stopwordTwins, "في آن واحد", [T.rihanMarathonRecord]),
        Judgment(.stopwordTwins, "الترجمة الآلية", [T.bookFairTranslation, T.dadLabModel]),
        // لل against ال and neither.
        Judgment(.prefixes, "للجنة المنظمة", [T.rihanMarathonRecord, T.wahaMarathonMovedUp]),
        Judgment(
            .prefixes, "للحافلات", [T.rihanBusLine, T.wahaBusLine, T.mishwarPhonePayment, T.womensLeague]),
        // The nisba adjective and its noun.
        Judgment(.nisba, "أفريقي", [T.unClimateFund, T.sahelFoodCrisis, T.nairobiSolarFunding]),
        Judgment(.nisba, "أمريكي لاتيني", [T.bookFairTranslation, T.wahaBookFair]),
        Judgment(.nisba, "الأفريقية", [T.unClimateFund, T.sahelFoodCrisis, T.nairobiSolarFunding]),
        // Spellings the demo's synonym list joins (the articles write مايكرسوفت and غوغل).
        Judgment(.synonyms, "مايكروسوفت", [T.hospitalRansomware]),
        Judgment(.synonyms, "Microsoft", [T.hospitalRansomware]),
        Judgment(.synonyms, "جوجل", [T.googlePhishing]),
        Judgment(.synonyms, "حسابات Google", [T.googlePhishing]),
    ]
}

/// The demo articles' titles, exactly as in Content/articles-1.json and articles-2.json.
enum DemoTitle {
    static let unClimateFund = "الأمم المتحدة تعلن اتفاقاً أولياً لتمويل صندوق التكيف مع المناخ في جنيف"
    static let valdoriaElections = "إقبال قياسي على الانتخابات التشريعية في فالدوريا وسط ترقب لنتائج الفرز"
    static let sahelFoodCrisis = "وكالة أممية تحذر من أزمة غذائية حادة في الساحل بعد موسم جفاف ثالث"
    static let rihanBusLine = "بلدية الريحان تفتتح خط الحافلات السريعة الأول بعد عامين من الأشغال"
    static let birSalamWaterRota = "بئر السلام تعتمد جدولاً لتوزيع المياه بالتناوب مع تراجع منسوب السدود"
    static let centralBankRates = "البنك المركزي يثبت أسعار الفائدة مع تباطؤ التضخم للشهر الرابع على التوالي"
    static let wahaSolarPlant = "بدء التشغيل التجاري لمحطة الواحة الشمسية بقدرة 1500 ميغاواط في الصحراء الجنوبية"
    static let vegetablePrices = "ارتفاع أسعار الخضار والزيوت يعمق ضغوط المعيشة على الأسر رغم تباطؤ التضخم"
    static let bayanDialectModel = "شركة ناشئة عربية تطلق نموذج ذكاء اصطناعي مفتوحاً يفهم اللهجات المحلية"
    static let mishwarPhonePayment = "تطبيق «مشوار» يتيح الدفع بالهاتف في الحافلات والقطارات بثلاث مدن"
    static let hospitalRansomware = "هجوم ببرنامج فدية يعطل أنظمة شبكة مستشفيات عبر ثغرة في خوادم مايكرسوفت"
    static let googlePhishing = "حملة تصيد احتيالي تنتحل صفحات دخول غوغل لسرقة حسابات عملاء البنوك"
    static let rihanDerby = "نجوم الريحان ينتزع فوزاً متأخراً على شباب الوادي في ديربي مثير"
    static let rihanMarathonRecord = "العداءة سارة المالكي تحطم الرقم القياسي لماراثون الريحان رغم الحرارة المرتفعة"
    static let bookFairTranslation = "معرض الكتاب يفتتح دورته الجديدة على وقع جدل حول الترجمة بالذكاء الاصطناعي"
    static let heatWave45 = "وزارة الصحة تصدر إرشادات عاجلة مع توقع موجة حر تتجاوز 45 درجة"
    static let measlesCampaign = "حملة وطنية لتطعيم الأطفال ضد الحصبة بعد تسجيل بؤر إصابة في ثلاث محافظات"
    static let damCollapse = "الأمم المتحدة تطلق نداءً عاجلاً بعد انهيار سد في إقليم وادي السرو"
    static let noriaElectionMission = "بعثة أممية لمراقبة الانتخابات تصل إلى أرخبيل نوريا قبل أسبوعين من الاقتراع"
    static let nairobiSolarFunding = "مؤتمر دولي في نيروبي يتعهد بمضاعفة تمويل الطاقة الشمسية في أفريقيا"
    static let wahaBusLine = "إطلاق خط الحافلات السريعة الأول في مدينة الواحة الجديدة مطلع الشهر المقبل"
    static let wahaWaterCut = "انقطاع المياه عن ستة أحياء في مدينة الواحة الجديدة إثر عطل في محطة الضخ"
    static let inflationSlows = "التضخم يتباطأ للشهر الثالث على التوالي بدعم من تراجع أسعار الطاقة"
    static let sahelPay = "تطبيق «Sahel Pay» للدفع الإلكتروني يتجاوز مليون مستخدم في عامه الأول"
    static let dadLabModel = "مختبر عربي يطلق نموذج ذكاء اصطناعي مفتوح المصدر مدرّباً على الفصحى واللهجات"
    static let dataCentres = "مراكز البيانات تحت المجهر: الذكاء الاصطناعي يرفع استهلاك الكهرباء والمياه"
    static let tabaqLeak = "تسريب أرقام هواتف وعناوين مئات آلاف العملاء من تطبيق «طبق الدار» لتوصيل الطعام"
    static let shuruqComeback = "الشروق يقلب تأخره أمام أهلي الواحة ويعتلي صدارة الدوري مؤقتاً"
    static let womensLeague = "دوري كرة القدم النسائية ينطلق بمشاركة عشرة أندية وحافلات مجانية للجماهير"
    static let wahaMarathonMovedUp = "تقديم موعد ماراثون الواحة ساعتين بسبب موجة الحر وتحذيرات صحية"
    static let wahaBookFair = "معرض الواحة الدولي للكتاب يفتح أبوابه بمشاركة أربعمئة دار نشر"
    static let manuscripts = "مشروع لرقمنة عشرين ألف مخطوطة نادرة بالاستعانة بتقنيات الذكاء الاصطناعي"
    static let heatWaveWarning = "وزارة الصحة تصدر إرشادات عاجلة مع اقتراب موجة حر هي الأشد هذا الصيف"
    static let waterAndDiarrhoea = "دراسة محلية تربط تحسين شبكات المياه بتراجع أمراض الإسهال لدى الأطفال"
}
