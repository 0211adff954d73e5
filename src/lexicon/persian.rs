//! Common Persian words, for the lexicon's matches in Persian text.
//!
//! Our lists are Arabic and English: in Arabic letters they hold the Arabic names of the
//! world's places. Persian writes many of its everyday words with the same letters as some
//! of those names: اگر "if" is Eger (Hungary), بالا "up" is Pala (Chad), دوشنبه "Monday"
//! is Dushanbe, نیم "half" is Nîmes, تازه "fresh" is Taza, وام "loan" is WAM, the news
//! agency. In Arabic text the tagger reads the context and keeps only the names; Persian
//! text gets no tagger (see [`crate::text::script::TaggerUse`]), so there the lexicon's
//! matches stand alone, and a match that is such a word, or only such words (زیر آب "under
//! water" is also the town Zirab), is dropped.
//!
//! The list is written by hand from the language, not from any corpus: the most frequent
//! words of Persian prose (function words, pronouns, numbers, weekdays and months in
//! Persian, common verbs, nouns and adjectives of the news), kept in matching form. No
//! proper name is on it: Iran's places (تهران, فارس, گلستان) stay names.
//!
//! Persian also writes no Arabic proclitics: its "and" (و) and "to" (به) stand apart, so a
//! match that reads a word as a proclitic and a name (بالا as ب + الا) is dropped as well
//! (see [`keeps`]).

use crate::text::Normalized;
use rustc_hash::FxHashSet;

/// The words as Persian writes them (ی and ک), a line of them per group, separated by
/// spaces (the set holds their matching forms).
const WORDS: &[&str] = &[
    // Function words, pronouns, conjunctions, prepositions.
    "و در به از که این آن را با بر برای تا هم نیز یا اما ولی اگر چون چه چرا چگونه",
    "کجا کی هر همه ما من تو او شما آنها ایشان خود خویش بین میان پس پیش بعد قبل روی",
    "زیر بالا پایین درون بیرون کنار سوی طرف نزد حتی فقط تنها بسیار خیلی چند چندین",
    "دیگر دیگری همین همان چنین چنان اینکه آنکه وقتی زمانی جایی کسی چیزی هیچ نه بله",
    "آری بی هنوز اکنون حالا الان باز دوباره همچنین البته شاید بلکه زیرا درباره علیه",
    "مانند مثل توسط طی ضمن جز غیر بدون سپس اینجا آنجا اینها همچنان هرگز همیشه",
    "گاهی کاملا تقریبا واقعا",
    // Verbs and their common forms.
    "است هست هستند نیست نیستند بود بودند بوده باشد باشند شد شدند شده شود شوند کرد",
    "کردند کرده کند کنند کنیم دارد دارند داشت داشته باید نباید خواهد خواهند توان",
    "تواند توانند گفت گفته رفت آمد داد دادند گرفت زد دید شنید ماند افتاد رسید گذشت",
    "میشود میکند میگوید می نمی برود بروند برو رفته بیاید بیایند آمده بگوید بگویند",
    "بکند بکنند بدهد بدهند بگیرد بگیرند بماند بمانند بشود بشوند کنید دهد دهند",
    // Numbers and fractions.
    "یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده بیست سی چهل پنجاه شصت هفتاد",
    "هشتاد نود صد هزار میلیون میلیارد نیم نصف ربع اول دوم سوم چهارم پنجم آخر نخست",
    // Time: units, weekdays, the months of the Persian calendar.
    "امروز دیروز فردا امسال پارسال سال ماه روز هفته شب صبح ظهر عصر ساعت دقیقه ثانیه",
    "شنبه یکشنبه دوشنبه سهشنبه چهارشنبه پنجشنبه جمعه فروردین اردیبهشت خرداد تیر",
    "مرداد شهریور مهر آبان آذر دی بهمن اسفند",
    // Adjectives and adverbs.
    "تازه نو کهنه بزرگ کوچک خوب بد زیاد کم بیش بیشتر کمتر مهم جدید قدیم قدیمی بلند",
    "کوتاه سخت آسان زود دیر باقی کامل لازم ممکن بالاتر پایینتر اصلی ملی عمومی خصوصی",
    "جدی",
    // Nouns of the news.
    "کار دولت مردم کشور شهر استان جهان دنیا آب نان خانه راه سر دست پا دل چشم نام حرف",
    "خبر گزارش وام پول قیمت بازار بورس سهام نرخ رشد افزایش کاهش تور شورش بنده حال کل",
    "بخش مورد طور گونه نوع شکل مجلس رئیس وزیر انتخابات نامزد رای مردمی جامعه زندگی",
    "جنگ صلح امنیت اقتصاد سیاست تاریخ فرهنگ ورزش بازی تیم فیلم کتاب عکس ویدیو صفحه",
    "مطلب نظر پاسخ سوال بیانیه دیدار سفر نشست جلسه طرح برنامه هدف نتیجه مسئله مشکل",
    "دلیل علت سبب زمین هوا آتش باد باران برف خاک کوه دریا رود جاده خیابان میدان",
    "بیمارستان مدرسه دانشگاه شرکت بانک تولید صادرات واردات نفت گاز برق خودرو ماشین",
    "کالا بودجه تورم نقدینگی سرمایه سود زیان درصد تومان ریال دلار یورو واحد ارز طلا",
    "سکه مسکن اجاره حقوق دستمزد",
];

/// The set of the words' matching forms, built on first use.
fn set() -> &'static FxHashSet<String> {
    static SET: std::sync::OnceLock<FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        WORDS.iter().flat_map(|l| l.split_whitespace()).map(|w| Normalized::new(w).as_str().to_string()).collect()
    })
}

/// True if `word`, in matching form, is a common Persian word.
///
/// ```
/// use noor::lexicon::persian::is_common_word;
/// use noor::text::Normalized;
/// assert!(is_common_word(Normalized::new("اگر").as_str()));
/// assert!(!is_common_word(Normalized::new("تهران").as_str()));
/// ```
pub fn is_common_word(word: &str) -> bool {
    set().contains(word)
}

/// Whether a lexicon match over tokens `words` (their matching forms), found with `skip`
/// bytes of proclitic cut from the first, is kept in Persian text: no proclitic, and not
/// every word a common Persian word. A name that starts with one keeps its other words
/// ("دانشگاه تهران", the University of Tehran).
pub fn keeps<'a>(skip: usize, mut words: impl Iterator<Item = &'a str>) -> bool {
    skip == 0 && !words.all(is_common_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        text.split(' ').map(|w| Normalized::new(w).as_str().to_string()).collect()
    }

    #[test]
    fn common_words_are_not_names_in_persian() {
        let keeps_text = |skip: usize, text: &str| {
            let f = forms(text);
            keeps(skip, f.iter().map(String::as_str))
        };
        for w in ["اگر", "بالا", "دوشنبه", "نیم", "تازه", "وام", "زیر آب"] {
            assert!(!keeps_text(0, w), "{w}");
        }
        for w in ["تهران", "ایران", "آران و بیدگل", "کرمانشاه", "استانبول", "دانشگاه تهران"]
        {
            assert!(keeps_text(0, w), "{w}");
        }
        // Persian writes no Arabic proclitic: بتهران is not "in Tehran" there.
        assert!(!keeps_text(2, "بتهران"));
        // Arabic and Persian spellings of a word are one matching form.
        assert!(is_common_word(Normalized::new("يك").as_str()));
    }
}
