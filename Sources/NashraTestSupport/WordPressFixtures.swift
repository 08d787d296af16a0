import Foundation

/// WordPress exports we wrote ourselves (Arabic content, every comment state), for the importer's tests.
public enum WordPressFixtures {
    /// The site address of ``arabicExport``.
    public static let arabicSite = "https://akhbar.example"

    /// What ``arabicExport`` holds, for assertions.
    public enum Arabic {
        /// Published posts: readers see them.
        public static let publishedSlugs = ["افتتاح-مكتبة-الحي", "مهرجان-الزيتون"]
        public static let scheduledTitle = "موعد افتتاح الجسر الجديد"
        public static let draftTitle = "مسودة عن سوق الخضار"
        public static let privateTitle = "ملاحظة داخلية للتحرير"
        public static let trashedTitle = "خبر محذوف"
        /// Approved comments on the library post, by text; the second answers the first.
        public static let approvedComments = ["مبادرة رائعة، شكراً للبلدية", "أوافقك، والمكتبة قريبة من المدرسة"]
        public static let pendingComment = "تعليق ينتظر المراجعة"
        public static let spamComment = "اربح المال الآن من البيت"
        public static let trashedComment = "تعليق في سلة المهملات"
        /// An email that must appear on no page.
        public static let privateEmail = "reader.one@mail.example"
    }

    public static let arabicExport = #"""
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0"
            xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
            xmlns:content="http://purl.org/rss/1.0/modules/content/"
            xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel xmlns:wp="http://wordpress.org/export/1.2/">
            <title>أخبار الحي</title>
            <link>https://akhbar.example</link>
            <language>ar</language>
            <wp:wxr_version>1.2</wp:wxr_version>
            <wp:base_site_url>https://akhbar.example</wp:base_site_url>
            <wp:base_blog_url>https://akhbar.example</wp:base_blog_url>
            <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[samira]]></wp:author_login><wp:author_email><![CDATA[samira@akhbar.example]]></wp:author_email><wp:author_display_name><![CDATA[سميرة الخطيب]]></wp:author_display_name></wp:author>
            <wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[yousef]]></wp:author_login><wp:author_email><![CDATA[yousef@akhbar.example]]></wp:author_email><wp:author_display_name><![CDATA[يوسف حداد]]></wp:author_display_name></wp:author>
            <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[%d9%85%d8%ad%d9%84%d9%8a%d8%a7%d8%aa]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[محليات]]></wp:cat_name></wp:category>
            <wp:category><wp:term_id>6</wp:term_id><wp:category_nicename><![CDATA[%d8%ab%d9%82%d8%a7%d9%81%d8%a9]]></wp:category_nicename><wp:category_parent><![CDATA[%d9%85%d8%ad%d9%84%d9%8a%d8%a7%d8%aa]]></wp:category_parent><wp:cat_name><![CDATA[ثقافة]]></wp:cat_name></wp:category>
            <wp:category><wp:term_id>7</wp:term_id><wp:category_nicename><![CDATA[%d8%b2%d8%b1%d8%a7%d8%b9%d8%a9]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[زراعة]]></wp:cat_name></wp:category>
            <wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug><![CDATA[%d9%83%d8%aa%d8%a8]]></wp:tag_slug><wp:tag_name><![CDATA[كتب]]></wp:tag_name></wp:tag>
            <item>
                <title><![CDATA[افتتاح مكتبة الحي]]></title>
                <link>https://akhbar.example/2026/03/14/%d8%a7%d9%81%d8%aa%d8%aa%d8%a7%d8%ad-%d9%85%d9%83%d8%aa%d8%a8%d8%a9-%d8%a7%d9%84%d8%ad%d9%8a/</link>
                <pubDate>Sat, 14 Mar 2026 08:30:00 +0000</pubDate>
                <dc:creator><![CDATA[samira]]></dc:creator>
                <guid isPermaLink="false">https://akhbar.example/?p=101</guid>
                <content:encoded><![CDATA[افتتحت البلدية صباح اليوم مكتبة عامة في الحي.

        تضم المكتبة ثلاثة آلاف كتاب
        وقاعة للمطالعة.

        [caption id="attachment_120" align="alignnone" width="800"]<img src="https://akhbar.example/wp-content/uploads/2026/03/library-800x600.jpg" alt="قاعة المطالعة" width="800" height="600" /> قاعة المطالعة في يومها الأول[/caption]

        [contact-form-7 id="12" title="اتصل بنا"]

        https://www.youtube.com/watch?v=abcdefghijk]]></content:encoded>
                <excerpt:encoded><![CDATA[مكتبة عامة جديدة في الحي]]></excerpt:encoded>
                <wp:post_id>101</wp:post_id>
                <wp:post_date><![CDATA[2026-03-14 10:30:00]]></wp:post_date>
                <wp:post_date_gmt><![CDATA[2026-03-14 08:30:00]]></wp:post_date_gmt>
                <wp:comment_status><![CDATA[open]]></wp:comment_status>
                <wp:post_name><![CDATA[%d8%a7%d9%81%d8%aa%d8%aa%d8%a7%d8%ad-%d9%85%d9%83%d8%aa%d8%a8%d8%a9-%d8%a7%d9%84%d8%ad%d9%8a]]></wp:post_name>
                <wp:status><![CDATA[publish]]></wp:status>
                <wp:post_parent>0</wp:post_parent>
                <wp:post_type><![CDATA[post]]></wp:post_type>
                <wp:is_sticky>1</wp:is_sticky>
                <category domain="category" nicename="%d9%85%d8%ad%d9%84%d9%8a%d8%a7%d8%aa"><![CDATA[محليات]]></category>
                <category domain="category" nicename="%d8%ab%d9%82%d8%a7%d9%81%d8%a9"><![CDATA[ثقافة]]></category>
                <category domain="post_tag" nicename="%d9%83%d8%aa%d8%a8"><![CDATA[كتب]]></category>
                <wp:postmeta><wp:meta_key><![CDATA[_yoast_wpseo_primary_category]]></wp:meta_key><wp:meta_value><![CDATA[6]]></wp:meta_value></wp:postmeta>
                <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[120]]></wp:meta_value></wp:postmeta>
                <wp:comment>
                    <wp:comment_id>201</wp:comment_id>
                    <wp:comment_author><![CDATA[ليلى]]></wp:comment_author>
                    <wp:comment_author_email><![CDATA[reader.one@mail.example]]></wp:comment_author_email>
                    <wp:comment_author_url>https://laila.example</wp:comment_author_url>
                    <wp:comment_author_IP><![CDATA[192.0.2.10]]></wp:comment_author_IP>
                    <wp:comment_date><![CDATA[2026-03-14 12:00:00]]></wp:comment_date>
                    <wp:comment_date_gmt><![CDATA[2026-03-14 10:00:00]]></wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[<p>مبادرة رائعة، شكراً للبلدية</p>]]></wp:comment_content>
                    <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
                    <wp:comment_type><![CDATA[comment]]></wp:comment_type>
                    <wp:comment_parent>0</wp:comment_parent>
                </wp:comment>
                <wp:comment>
                    <wp:comment_id>202</wp:comment_id>
                    <wp:comment_author><![CDATA[كريم]]></wp:comment_author>
                    <wp:comment_author_email><![CDATA[karim@mail.example]]></wp:comment_author_email>
                    <wp:comment_date_gmt><![CDATA[2026-03-14 11:00:00]]></wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[أوافقك، والمكتبة قريبة من المدرسة]]></wp:comment_content>
                    <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
                    <wp:comment_parent>201</wp:comment_parent>
                </wp:comment>
                <wp:comment>
                    <wp:comment_id>203</wp:comment_id>
                    <wp:comment_author><![CDATA[زائر]]></wp:comment_author>
                    <wp:comment_author_email><![CDATA[visitor@mail.example]]></wp:comment_author_email>
                    <wp:comment_date_gmt><![CDATA[2026-03-14 11:30:00]]></wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[تعليق ينتظر المراجعة]]></wp:comment_content>
                    <wp:comment_approved><![CDATA[0]]></wp:comment_approved>
                    <wp:comment_parent>201</wp:comment_parent>
                </wp:comment>
                <wp:comment>
                    <wp:comment_id>204</wp:comment_id>
                    <wp:comment_author><![CDATA[Spammer]]></wp:comment_author>
                    <wp:comment_author_email><![CDATA[spam@mail.example]]></wp:comment_author_email>
                    <wp:comment_date_gmt><![CDATA[2026-03-14 11:40:00]]></wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[اربح المال الآن من البيت]]></wp:comment_content>
                    <wp:comment_approved><![CDATA[spam]]></wp:comment_approved>
                    <wp:comment_parent>0</wp:comment_parent>
                </wp:comment>
                <wp:comment>
                    <wp:comment_id>205</wp:comment_id>
                    <wp:comment_author><![CDATA[قارئ]]></wp:comment_author>
                    <wp:comment_author_email><![CDATA[trash@mail.example]]></wp:comment_author_email>
                    <wp:comment_date_gmt><![CDATA[2026-03-14 11:50:00]]></wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[تعليق في سلة المهملات]]></wp:comment_content>
                    <wp:comment_approved><![CDATA[trash]]></wp:comment_approved>
                    <wp:comment_parent>0</wp:comment_parent>
                </wp:comment>
                <wp:comment>
                    <wp:comment_id>206</wp:comment_id>
                    <wp:comment_author><![CDATA[مدونة أخرى]]></wp:comment_author>
                    <wp:comment_date_gmt><![CDATA[2026-03-14 12:10:00]]></wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[إشارة من مدونة أخرى]]></wp:comment_content>
                    <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
                    <wp:comment_type><![CDATA[pingback]]></wp:comment_type>
                    <wp:comment_parent>0</wp:comment_parent>
                </wp:comment>
            </item>
            <item>
                <title><![CDATA[صورة قاعة المطالعة]]></title>
                <link>https://akhbar.example/library-hall/</link>
                <wp:post_id>120</wp:post_id>
                <wp:post_parent>101</wp:post_parent>
                <wp:post_type><![CDATA[attachment]]></wp:post_type>
                <wp:status><![CDATA[inherit]]></wp:status>
                <wp:attachment_url><![CDATA[https://akhbar.example/wp-content/uploads/2026/03/library.jpg]]></wp:attachment_url>
                <excerpt:encoded><![CDATA[القاعة بعد <em>الترميم</em>]]></excerpt:encoded>
                <wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[قاعة المطالعة]]></wp:meta_value></wp:postmeta>
                <wp:postmeta><wp:meta_key><![CDATA[_media_credit]]></wp:meta_key><wp:meta_value><![CDATA[تصوير: هالة منصور]]></wp:meta_value></wp:postmeta>
            </item>
            <item>
                <title><![CDATA[صورة مفخخة]]></title>
                <wp:post_id>121</wp:post_id>
                <wp:post_parent>101</wp:post_parent>
                <wp:post_type><![CDATA[attachment]]></wp:post_type>
                <wp:status><![CDATA[inherit]]></wp:status>
                <wp:attachment_url><![CDATA[https://akhbar.example/wp-content/uploads/2026/03/huge.png]]></wp:attachment_url>
            </item>
            <item>
                <title><![CDATA[مهرجان الزيتون]]></title>
                <link>https://akhbar.example/2026/03/10/olive-festival/</link>
                <dc:creator><![CDATA[yousef]]></dc:creator>
                <content:encoded><![CDATA[<!-- wp:paragraph -->
        <p>يبدأ مهرجان الزيتون السنوي يوم الجمعة في الساحة.</p>
        <!-- /wp:paragraph -->
        <!-- wp:latest-posts /-->
        <!-- wp:heading {"level":2} -->
        <h2>البرنامج</h2>
        <!-- /wp:heading -->]]></content:encoded>
                <excerpt:encoded><![CDATA[]]></excerpt:encoded>
                <wp:post_id>102</wp:post_id>
                <wp:post_date><![CDATA[2026-03-10 09:00:00]]></wp:post_date>
                <wp:post_date_gmt><![CDATA[2026-03-10 07:00:00]]></wp:post_date_gmt>
                <wp:comment_status><![CDATA[closed]]></wp:comment_status>
                <wp:post_name><![CDATA[%D9%85%D9%87%D8%B1%D8%AC%D8%A7%D9%86-%D8%A7%D9%84%D8%B2%D9%8A%D8%AA%D9%88%D9%86]]></wp:post_name>
                <wp:status><![CDATA[publish]]></wp:status>
                <wp:post_type><![CDATA[post]]></wp:post_type>
                <category domain="category" nicename="%d8%b2%d8%b1%d8%a7%d8%b9%d8%a9"><![CDATA[زراعة]]></category>
                <category domain="author" nicename="cap-samira"><![CDATA[سميرة الخطيب]]></category>
            </item>
            <item>
                <title><![CDATA[موعد افتتاح الجسر الجديد]]></title>
                <dc:creator><![CDATA[samira]]></dc:creator>
                <content:encoded><![CDATA[يفتتح الجسر في الصيف المقبل.]]></content:encoded>
                <wp:post_id>103</wp:post_id>
                <wp:post_date_gmt><![CDATA[2036-07-01 06:00:00]]></wp:post_date_gmt>
                <wp:post_name><![CDATA[bridge]]></wp:post_name>
                <wp:status><![CDATA[future]]></wp:status>
                <wp:post_type><![CDATA[post]]></wp:post_type>
                <category domain="category" nicename="%d9%85%d8%ad%d9%84%d9%8a%d8%a7%d8%aa"><![CDATA[محليات]]></category>
            </item>
            <item>
                <title><![CDATA[مسودة عن سوق الخضار]]></title>
                <dc:creator><![CDATA[yousef]]></dc:creator>
                <content:encoded><![CDATA[نص لم يكتمل.]]></content:encoded>
                <wp:post_id>104</wp:post_id>
                <wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
                <wp:status><![CDATA[draft]]></wp:status>
                <wp:post_type><![CDATA[post]]></wp:post_type>
            </item>
            <item>
                <title><![CDATA[ملاحظة داخلية للتحرير]]></title>
                <content:encoded><![CDATA[لا تنشر.]]></content:encoded>
                <wp:post_id>105</wp:post_id>
                <wp:post_date_gmt><![CDATA[2026-03-01 06:00:00]]></wp:post_date_gmt>
                <wp:post_name><![CDATA[internal-note]]></wp:post_name>
                <wp:status><![CDATA[private]]></wp:status>
                <wp:post_type><![CDATA[post]]></wp:post_type>
            </item>
            <item>
                <title><![CDATA[خبر محذوف]]></title>
                <content:encoded><![CDATA[نص محذوف.]]></content:encoded>
                <wp:post_id>106</wp:post_id>
                <wp:post_date_gmt><![CDATA[2026-02-01 06:00:00]]></wp:post_date_gmt>
                <wp:post_name><![CDATA[deleted-story]]></wp:post_name>
                <wp:status><![CDATA[trash]]></wp:status>
                <wp:post_type><![CDATA[post]]></wp:post_type>
            </item>
            <item>
                <title><![CDATA[من نحن]]></title>
                <link>https://akhbar.example/about/</link>
                <content:encoded><![CDATA[صحيفة الحي منذ ٢٠١٠.]]></content:encoded>
                <wp:post_id>107</wp:post_id>
                <wp:post_date_gmt><![CDATA[2020-01-01 06:00:00]]></wp:post_date_gmt>
                <wp:post_name><![CDATA[about]]></wp:post_name>
                <wp:status><![CDATA[publish]]></wp:status>
                <wp:post_type><![CDATA[page]]></wp:post_type>
            </item>
            <item>
                <title><![CDATA[القائمة الرئيسية]]></title>
                <wp:post_id>108</wp:post_id>
                <wp:status><![CDATA[publish]]></wp:status>
                <wp:post_type><![CDATA[nav_menu_item]]></wp:post_type>
            </item>
        </channel>
        </rss>
        """#

    /// The files of ``arabicExport``'s uploads folder, relative to it: the library photo is referenced
    /// (featured image, body) at `-800x600` and full size; `huge.png` claims 30000 × 30000 pixels.
    public static let arabicUploads = ["2026/03/library.jpg", "2026/03/huge.png"]

    /// Writes an export into a folder and returns its path.
    public static func write(_ text: String, named name: String = "export.xml", in folder: URL) throws -> String {
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}
