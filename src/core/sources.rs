//! Where every rule of the advice comes from.
//!
//! Each rule the engine applies (a principle, a weight, a warning, an
//! operating-model rule, a reason) names its source here: the document (by
//! its title, never a file name), a short quote in simplified Chinese as the
//! document says it, and an English rendering; or, for a rule that no source
//! states, a plain mark that it is the tool's own convention, with why.
//! The quotes are checked against the source documents by a test
//! (`tests/sources.rs`, when `../shared/seeds` is present); the program never
//! reads those documents.
//!
//! The tool's own classification of each indicator by the kind of project it
//! calls for ([`project_kind`]) also lives here: seed 002's operating-model
//! rule is by kind of project, and the framework knows indicators, not
//! projects.

use serde::Serialize;

use super::Lang;

/// A source document, by its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// World Economic Forum with Tencent Research Institute, May 2022 (the
    /// framework itself; the full report and the excerpt of its chapter on
    /// models and practice).
    WefReport,
    /// The article on county-level digital government and smart cities.
    CountyArticle,
    /// The article on leading practices of city digital transformation at
    /// home and abroad.
    PracticesArticle,
    /// CCID Consulting's ranking of China's top-100 digital cities (2020).
    CcidRanking,
}

impl Document {
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Document::WefReport, Lang::Zh) => {
                "世界经济论坛、腾讯研究院：《重塑中小城市的未来：数字化转型的框架与路径》（2022 年 5 月）"
            }
            (Document::WefReport, Lang::En) => {
                "World Economic Forum and Tencent Research Institute, Shaping the Future of Small and Medium-sized Cities: A Framework for Digital Transformation (May 2022)"
            }
            (Document::CountyArticle, Lang::Zh) => {
                "《中国区县域数字政府与智慧城市未来建设思路》（2023 年 3 月）"
            }
            (Document::CountyArticle, Lang::En) => {
                "\"中国区县域数字政府与智慧城市未来建设思路\" (Future approaches to digital government and smart cities in China's districts and counties, March 2023)"
            }
            (Document::PracticesArticle, Lang::Zh) => "《国内外城市数字化转型的前沿做法》",
            (Document::PracticesArticle, Lang::En) => {
                "\"国内外城市数字化转型的前沿做法\" (Leading practices of city digital transformation at home and abroad)"
            }
            (Document::CcidRanking, Lang::Zh) => "赛迪顾问：2020 年中国数字城市百强研究（节选）",
            (Document::CcidRanking, Lang::En) => {
                "CCID Consulting, China's top 100 digital cities 2020 (excerpt)"
            }
        }
    }
}

/// A rule's source: a quote from a document, or the tool's own convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Cited {
        document: Document,
        /// The passage in simplified Chinese, as the document says it.
        quote: &'static str,
        /// Its English rendering.
        rendering: &'static str,
    },
    /// A rule of this tool's own, not stated by any source, with why.
    Convention { en: &'static str, zh: &'static str },
}

impl Source {
    pub fn is_convention(&self) -> bool {
        matches!(self, Source::Convention { .. })
    }

    pub fn document(&self) -> Option<Document> {
        match self {
            Source::Cited { document, .. } => Some(*document),
            Source::Convention { .. } => None,
        }
    }

    pub fn quote(&self) -> Option<&'static str> {
        match self {
            Source::Cited { quote, .. } => Some(quote),
            Source::Convention { .. } => None,
        }
    }

    pub fn rendering(&self) -> Option<&'static str> {
        match self {
            Source::Cited { rendering, .. } => Some(rendering),
            Source::Convention { .. } => None,
        }
    }

    /// Why the tool holds a convention, in `lang`.
    pub fn why(&self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (Source::Convention { en, .. }, Lang::En) => Some(en),
            (Source::Convention { zh, .. }, Lang::Zh) => Some(zh),
            (Source::Cited { .. }, _) => None,
        }
    }

    /// The source as the JSON outputs give it: `{document, quote,
    /// rendering, convention, why}`; `rendering` only in English (`null` in
    /// Chinese, where the quote is the text), `why` only for a convention.
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "document": self.document().map(|d| d.title(lang)),
            "quote": self.quote(),
            "rendering": match lang {
                Lang::En => self.rendering(),
                Lang::Zh => None,
            },
            "convention": self.is_convention(),
            "why": self.why(lang),
        })
    }
}

/// Every rule the advice applies, each with its source.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Rule {
    /// The report's method: assess, choose entry points, set a staged
    /// vision, find the gap.
    Method,
    /// Each city chooses its entry points by its own situation (the
    /// importance the city gives a domain).
    OwnSituation,
    /// Demand and scenario first, the specialty industry as the way in.
    DemandScenario,
    /// The survey's attention ranking of the seven domains.
    Attention,
    /// Common + specific: services, governance and infrastructure common,
    /// industry and economy specific.
    CommonSpecific,
    /// One entry point when funding, talent and technology are all short.
    StartSmall,
    /// A narrow first scenario: a pain point.
    PainPoint,
    /// Supports built in phases, what is urgent first.
    UrgentFirst,
    /// Supports on provincial and city resources, light, service-based,
    /// shared (smaller cities with a weak economic base).
    SupportsLight,
    /// A county connects to the city level's infrastructure.
    CountyConnect,
    /// The enablers go with whatever entry point.
    EnablersAlways,
    /// Data security and personal-information protection as a necessary
    /// support.
    DataSecurity,
    /// Infrastructure stage 3 can be planned and built whole where little
    /// legacy exists.
    JumpInfrastructure,
    /// Pinghu went into stage 3.
    JumpPinghu,
    /// The late mover's advantage of counties.
    LateMover,
    /// Management, public-infrastructure and pure public-good projects:
    /// government-led.
    GovernmentLed,
    /// Government-led financing: one-off fiscal payment, instalment buyback.
    GovernmentFinancing,
    /// Quasi-public services: public-private.
    PublicPrivate,
    /// Public-private roles: top-level design, partners, direct funding or
    /// concession.
    PublicPrivateRoles,
    /// Shen County: firms invest in part of the infrastructure, the
    /// government buys services in instalments.
    ShenInstalments,
    /// Shen County's own case: its agriculture works through the
    /// government buying services (the city's own model, from the report).
    ShenOwnModel,
    /// Kashiwa-no-ha's own case: its energy and low-carbon work carried
    /// forward by government, business and academia together (官民学).
    KashiwaOwnModel,
    /// Fukuoka's own case: its health information platform through a
    /// government-business cooperation (the government opens data, a firm
    /// brings the analysis).
    FukuokaOwnModel,
    /// Pengshui's own case: the government working with internet firms for
    /// its culture and tourism.
    PengshuiOwnModel,
    /// Aizuwakamatsu's own case: a cooperation of several actors (the city,
    /// its university and local firms).
    AizuOwnModel,
    /// Aizuwakamatsu's own services case: the city government, the
    /// University of Aizu and local firms launched the multi-party project
    /// together, with convenient public services as the way in.
    AizuServicesModel,
    /// Pinghu's own case: a government-invested platform whose intellectual
    /// property the government commercialises together with firms.
    PinghuOwnModel,
    /// Clear market value: market-led.
    MarketLed,
    /// The showcase ("bonsai") pattern.
    Showcase,
    /// Long-term operation.
    LongTermOperation,
    /// No all-in-one builds; small and fine.
    SmallAndFine,
    /// The weights of the priority score (the tool's own).
    Weights,
    /// Evidence before level and the smooth level (the tool's own).
    Evidence,
    /// A support must stand at the stage below the target (the tool's own).
    Carries,
    /// A jump needs enablers, infrastructure and time (the tool's own).
    JumpNeeds,
    /// The kind of project of each indicator (the tool's own).
    ProjectKinds,
    /// Public-debt and procurement rules are the city's to check (the
    /// tool's own caution).
    FinancingCaution,
    /// How a county and a small city are recognised (the tool's own).
    CityKind,
    /// Suggested targets (the tool's own).
    Suggestion,
    /// Horizons over ten years are to be revisited at each five-year plan
    /// period (the tool's own).
    LongHorizon,
}

impl Rule {
    pub const ALL: [Rule; 40] = [
        Rule::Method,
        Rule::OwnSituation,
        Rule::DemandScenario,
        Rule::Attention,
        Rule::CommonSpecific,
        Rule::StartSmall,
        Rule::PainPoint,
        Rule::UrgentFirst,
        Rule::SupportsLight,
        Rule::CountyConnect,
        Rule::EnablersAlways,
        Rule::DataSecurity,
        Rule::JumpInfrastructure,
        Rule::JumpPinghu,
        Rule::LateMover,
        Rule::GovernmentLed,
        Rule::GovernmentFinancing,
        Rule::PublicPrivate,
        Rule::PublicPrivateRoles,
        Rule::ShenInstalments,
        Rule::ShenOwnModel,
        Rule::KashiwaOwnModel,
        Rule::FukuokaOwnModel,
        Rule::PengshuiOwnModel,
        Rule::AizuOwnModel,
        Rule::AizuServicesModel,
        Rule::PinghuOwnModel,
        Rule::MarketLed,
        Rule::Showcase,
        Rule::LongTermOperation,
        Rule::SmallAndFine,
        Rule::Weights,
        Rule::Evidence,
        Rule::Carries,
        Rule::JumpNeeds,
        Rule::ProjectKinds,
        Rule::FinancingCaution,
        Rule::CityKind,
        Rule::Suggestion,
        Rule::LongHorizon,
    ];

    pub fn id(self) -> &'static str {
        self.into()
    }

    pub fn source(self) -> Source {
        use Document::*;
        let cite = |document, quote, rendering| Source::Cited {
            document,
            quote,
            rendering,
        };
        match self {
            Rule::Method => cite(
                WefReport,
                "首先评估当前7个功能领域的现状，选择1个或多个领域作为数字化转型的切入点，确定阶段性的发展愿景，找出现状与愿景之间的差距",
                "First assess the current state of the seven domains, choose one or more domains as entry points, set a staged vision, and find the gap between today and the vision.",
            ),
            Rule::OwnSituation => cite(
                WefReport,
                "中小城市可以根据自己的实际情况，参考下图中各领域3个阶段的特征，首先评估当前7个功能领域的现状，选择1个或多个领域作为数字化转型的切入点",
                "Small and medium-sized cities can, according to their own situation and the features of each domain's three stages, first assess the current state of the seven domains and choose one or more domains as their entry points.",
            ),
            Rule::DemandScenario => cite(
                WefReport,
                "需求导向、场景驱动，以特色优势产业为切入口",
                "Demand-oriented and scenario-driven, with the specialty industry as the way in.",
            ),
            Rule::Attention => cite(
                WefReport,
                "综合关注度由高到底的排序为：民生与服务、产业与经济、政府效能、治理与运行、基础设施、发展保障（领导力/政策）、环境与低碳",
                "Ranked by overall attention, highest first: services, economy, government efficiency, governance, infrastructure, enablers (leadership/policy), environment.",
            ),
            Rule::CommonSpecific => cite(
                WefReport,
                "不同中小城市的民生与服务、治理与运行、基础设施等数字化转型目标和内容是共性的，可以作为综合性的内容考虑；但不同中小城市在产业与经济方面数字化转型的内容差异较大，可以作为特性的内容考虑",
                "The goals and content of services, governance and infrastructure are common to small and medium-sized cities and can be planned together; industry and economy differ widely between cities and are the specific part.",
            ),
            Rule::StartSmall => cite(
                WefReport,
                "对于资金、人才、技术均较为缺失的中小城市，建议从小切口入手",
                "For small and medium-sized cities short of funding, talent and technology alike, the report advises starting with a small cut.",
            ),
            Rule::PainPoint => cite(
                CountyArticle,
                "聚焦社会民生和市场发展痛点、堵点等“小切口”",
                "Focus on \"small cuts\" such as the pain points and bottlenecks of people's livelihoods and of the market.",
            ),
            Rule::UrgentFirst => cite(
                CountyArticle,
                "以智能化场景满足本地需求，以急用先行原则进行分阶段建设",
                "Meet local needs with intelligent scenarios, and build in phases, what is urgently needed first.",
            ),
            Rule::SupportsLight => cite(
                WefReport,
                "人口规模较小和经济基础较薄弱的中小城市，适宜基于省、市已有资源，优先选择轻量化、服务化、集约化的方式来建立数字基础设施体系",
                "Small and medium-sized cities with a smaller population and a weaker economic base should build their digital infrastructure on existing provincial and city resources, preferring light, service-based and shared ways.",
            ),
            Rule::CountyConnect => cite(
                CountyArticle,
                "政务云、数据中心等基础设施更多是对接，不再重复建设，浪费资金",
                "Infrastructure such as the government cloud and data centres is mostly connected to, not built again, which would waste money.",
            ),
            Rule::EnablersAlways => cite(
                WefReport,
                "无论中小城市选择从上述哪个领域切入来开展数字化转型，发展保障（领导力/政策）作为思路、规则和要素保障，一般是必不可少的配套内容",
                "Whichever domain a city enters by, the enablers (leadership/policy), as its approach, rules and resources, are generally an indispensable companion.",
            ),
            Rule::DataSecurity => cite(
                WefReport,
                "数据安全和个人信息保护机制是各类中小城市开展数字化转型的必要支撑",
                "Mechanisms for data security and personal-information protection are a necessary support of every small or medium-sized city's digital transformation.",
            ),
            Rule::JumpInfrastructure => cite(
                WefReport,
                "城市级操作系统除了集成构建之外、也可以在遗留数字基础设施较少的情况下直接整体规划和新建",
                "Besides being built by integration, a city-level operating system can also be planned as a whole and built new where little legacy digital infrastructure exists.",
            ),
            Rule::JumpPinghu => cite(
                WefReport,
                "“感智汇”建成后，平湖市数字化迈入阶段三",
                "Once its shared sensing platform was built, Pinghu's digitalisation entered stage 3.",
            ),
            Rule::LateMover => cite(
                CountyArticle,
                "城镇化建设尚处于初级阶段，数字政府建设的空间大，有利于发挥后发优势",
                "Urbanisation is at an early stage and digital government has much room to grow, which favours the late mover's advantage.",
            ),
            Rule::GovernmentLed => cite(
                CountyArticle,
                "政府管理类项目、公共基础类项目、纯公益型项目等不适宜市场化或者明确缺乏商业模式项目，一般由政府主导建设和运营",
                "Government management, public infrastructure and purely public-good projects, unsuited to the market or clearly without a business model, are generally built and run under government lead.",
            ),
            Rule::GovernmentFinancing => cite(
                CountyArticle,
                "在投资模式上可选择财政一次性支付、分期购买赎回等方式",
                "For investment, a one-off fiscal payment or purchase and buyback in instalments can be chosen.",
            ),
            Rule::PublicPrivate => cite(
                CountyArticle,
                "针对公共服务类、半公益型的准经营性项目，一般由政府与企业合作建设和运营",
                "Public-service, semi-public-good projects with some business potential are generally built and run by government and firms together.",
            ),
            Rule::PublicPrivateRoles => cite(
                CountyArticle,
                "政府重点负责顶层设计、招募合作企业、对具有公共属性服务直接提供资金支持，或通过特许经营方式",
                "The government mainly does the top-level design, recruits partner firms, and funds services of a public nature directly or through a concession.",
            ),
            Rule::ShenInstalments => cite(
                WefReport,
                "采用部分数字基础设施企业投资建设、政府分期购买服务的方式，多渠道并举来拓宽资金来源及公私合作模式",
                "Firms invest in and build part of the digital infrastructure and the government buys the services in instalments, one of several channels widening funding and public-private cooperation (Shen County).",
            ),
            Rule::ShenOwnModel => cite(
                WefReport,
                "莘县的经验是，坚持需求导向，通过政府购买服务方式",
                "Shen County's experience is to keep to demand and to work through the government buying services.",
            ),
            Rule::KashiwaOwnModel => cite(
                WefReport,
                "由官民学共同推进",
                "Carried forward by government, business and academia together (Kashiwa-no-ha).",
            ),
            Rule::FukuokaOwnModel => cite(
                WefReport,
                "藉由政府开放数据、企业提供分析技术的政企合作模式",
                "Through a government-business cooperation in which the government opens its data and firms provide the analysis (Fukuoka).",
            ),
            Rule::PengshuiOwnModel => cite(
                WefReport,
                "政府积极与互联网企业联合，坚持目标导向、聚焦合作内容，不断拓展合作领域、创新合作模式",
                "The government works actively with internet firms, keeping to its goals, focusing the cooperation, widening it and trying new forms of it (Pengshui).",
            ),
            Rule::AizuOwnModel => cite(
                WefReport,
                "在合作模式方面，该市通过多元主体协作",
                "As to its model of cooperation, the city works through the cooperation of several actors (Aizuwakamatsu).",
            ),
            Rule::AizuServicesModel => cite(
                WefReport,
                "共同启动了多方合作的“会津若松智慧城市”项目",
                "(The city government and the University of Aizu, with local firms,) together launched the multi-party \"Aizuwakamatsu Smart City\" project (Aizuwakamatsu).",
            ),
            Rule::PinghuOwnModel => cite(
                WefReport,
                "开展政府投资信息化平台建设模式的创新：政府通过投资积累相关知识产权，并基于知识产权来与企业共同推动平台的商业化、产品化",
                "A new model for building government-invested information platforms: through its investment the government builds up the intellectual property, and on that basis works with firms to commercialise the platform and turn it into products (Pinghu).",
            ),
            Rule::MarketLed => cite(
                CountyArticle,
                "具有明确市场价值的项目，一般由市场主导，政府通过产业政策、财政政策做好统筹引导和布局",
                "Projects with clear market value are generally market-led, the government guiding and planning through industrial and fiscal policy.",
            ),
            Rule::Showcase => cite(
                CountyArticle,
                "最普遍的一种推动智慧城市建设的做法是“建大屏、做展示、接系统”，短期内形成可“参观”、可“上报”的素材",
                "The most common way of pushing smart-city building is to \"build big screens, put on a showcase, hook up systems\", which in the short term yields material \"to be visited\" and \"to be reported upward\".",
            ),
            Rule::LongTermOperation => cite(
                CountyArticle,
                "其根本原因在于缺乏长效运营理念",
                "Its root cause is the lack of a long-term operating philosophy.",
            ),
            Rule::SmallAndFine => cite(
                CountyArticle,
                "杜绝“大而全”的建设模式，在“小而精”上下功夫",
                "Put an end to \"big and all-inclusive\" building; work at \"small and fine\".",
            ),
            Rule::Weights => Source::Convention {
                en: "The report gives no formula for ranking entry points. The tool weighs the city's own demand most (gap 40, importance 35 of 100, after the report's demand-first principle), the survey's attention as a weak prior (10), and common and specific (7.5 each).",
                zh: "报告没有给出排序切入点的公式。本工具依据报告“需求导向”的原则，让城市自身需求占最大权重（差距 40、重要性 35，满分 100），调研关注度仅作弱参考（10），共性与特性各 7.5。",
            },
            Rule::Evidence => Source::Convention {
                en: "The report describes the stages but gives no scoring. The tool counts a stage only in proportion to the share of it answered (full once three quarters are answered), lets a higher stage count only as far as every stage below it is in place, counts a stage as passed at least as far as a stage above it is in place (a city may skip a stage, as Pinghu did), and flags a stage with answers on fewer than three quarters of its indicators; one answer moves a level by at most four times its weight in its stage; a support resting on such a stage is assessed first, not built.",
                zh: "报告描述了各阶段特征，但没有给出计分方法。本工具按已回答的比例计入一个阶段（回答达到四分之三后全额计入），较高阶段只在其以下各阶段具备的程度内计入，较低阶段至少按其上一阶段具备的程度视为已跨过（城市可以跨越阶段，如平湖）；单个回答对水平的影响不超过该指标在本阶段权重的四倍；回答不足该阶段指标四分之三的，标为证据不足，依赖这类阶段的支撑建设先评估、后建设。",
            },
            Rule::Carries => Source::Convention {
                en: "The tool's own reading of the matrix: a domain aiming at a stage needs infrastructure and enablers at the stage below it; they are built alongside the entry point, not before it.",
                zh: "本工具对矩阵的理解：某领域要达到某一阶段，基础设施和发展保障需达到其前一阶段；二者与切入点同步建设，而非先行建设。",
            },
            Rule::JumpNeeds => Source::Convention {
                en: "The tool plans a jump of stages in one move only where enablers and infrastructure stand at the stage below the target and the horizon is more than two years; otherwise it takes the stages one at a time, and it warns only where the horizon is too short for them (more than one stage within two years or less).",
                zh: "本工具只在发展保障和基础设施已达到目标的前一阶段、且期限多于两年时，才将跨阶段作为一步规划；否则逐阶段推进，只在期限不足以逐阶段推进时提示（两年或更短时间内提升一个阶段以上）。",
            },
            Rule::LongHorizon => Source::Convention {
                en: "The sources set no horizon; the tool remarks on horizons over ten years because plans beyond a five-year plan period should be revisited at each new one.",
                zh: "来源文件未规定期限；本工具对超过十年的期限加以提示，因为超出一个五年规划期的计划应在每个新的规划期重新审视。",
            },
            Rule::ProjectKinds => Source::Convention {
                en: "The framework lists indicators, not projects: the tool classifies each indicator by the kind of project it calls for (management, public infrastructure, public good, quasi-public service, market value), to apply the county article's operating-model rule; a move's model is that of most of its work, a tie that includes quasi-public work going to public-private, any other to government-led.",
                zh: "框架列出的是指标而非项目：本工具按各指标所需项目的性质（政府管理、公共基础、纯公益、准经营性公共服务、市场价值）进行分类，以应用文章中按项目性质选择运营模式的规则；每一步骤的运营模式取其多数工作的性质，含准经营性工作的平局取政企合作，其他平局取政府主导。",
            },
            Rule::FinancingCaution => Source::Convention {
                en: "No source states this; instalment purchases and buybacks commit future budgets, so check them against the public-debt and procurement rules in force before signing.",
                zh: "来源文件未作此说明；分期购买和赎回会占用未来预算，签约前应对照现行的政府债务和采购规定进行核查。",
            },
            Rule::Suggestion => Source::Convention {
                en: "The report's method sets a staged vision after the assessment; for a domain the city has set no target for, or whose own target is reached already (that target is kept as the city set it), the tool suggests the next stage over three years where the city's importance (4 or 5) or its specialty points there, and for every such assessed domain when no domain stands below a target the city set, for the consultant to accept or edit. Where the city's interest points there, the sources allow a jump for the domain and city (little legacy infrastructure, Pinghu's move into stage 3, a county's late-mover advantage) and the enablers and infrastructure it needs already stand at the stage below, it suggests the jump of two stages over five years, one five-year plan period.",
                zh: "报告的方法是在评估之后确定阶段性的发展愿景；对城市尚未设定目标的领域，或城市自定目标已经达到的领域（该目标保持城市原设定不变），若城市认为其重要（4 或 5）或属于其特色产业，本工具建议在三年内提升一个阶段；若没有任何领域低于城市设定的目标，则对每个此类已评估领域提出这一建议，由咨询人员确认或修改。若城市的意愿指向该领域、资料允许该领域和城市跨越（遗留数字基础设施较少、平湖迈入阶段三的先例、县域的后发优势），且跨越所需的发展保障和基础设施已达到目标的前一阶段，则建议在五年（一个五年规划期）内跨越两个阶段。",
            },
            Rule::CityKind => Source::Convention {
                en: "The tool treats a profile as a county when its Chinese name ends in 县 or 旗 or its English name contains \"County\", and as a smaller city with a weak economic base when its population is 200,000 or less (the report's small-city band) and its funding is rated low.",
                zh: "本工具将中文名称以“县”或“旗”结尾、或英文名称含“County”的城市视为县；人口不超过 20 万（报告中小型城市的范围）且资金条件为“低”的，视为人口规模较小、经济基础较薄弱的城市。",
            },
        }
    }
}

/// Each principle of the framework data (general.json's `principles`), by
/// id, with the rule that cites it.
pub const PRINCIPLES: [(&str, Rule); 9] = [
    ("people_centred", Rule::Method),
    ("common_specific", Rule::CommonSpecific),
    ("start_small", Rule::StartSmall),
    ("demand_scenario", Rule::DemandScenario),
    ("public_private", Rule::PublicPrivateRoles),
    ("data_security", Rule::DataSecurity),
    ("collaboration_mechanism", Rule::Method),
    ("sustainable_development", Rule::Method),
    ("small_city_difference", Rule::SupportsLight),
];

/// The source of a principle of the framework data, by its id.
pub fn principle_source(id: &str) -> Option<Source> {
    PRINCIPLES
        .iter()
        .find(|(p, _)| *p == id)
        .map(|(_, r)| r.source())
}

/// The kind of project an indicator calls for (the county article's
/// categories), as the tool classifies it ([`Rule::ProjectKinds`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ProjectKind {
    /// 政府管理类: the government's own management work.
    Management,
    /// 公共基础类: public infrastructure.
    PublicInfrastructure,
    /// 纯公益型: a pure public good.
    PublicGood,
    /// 公共服务类、半公益型的准经营性: a quasi-public service.
    QuasiPublic,
    /// 具有明确市场价值: clear market value.
    MarketValue,
}

impl ProjectKind {
    pub fn id(self) -> &'static str {
        self.into()
    }
}

/// Every indicator of the framework with its kind of project (a test checks
/// that the table covers the framework exactly).
pub const PROJECT_KINDS: [(&str, ProjectKind); 100] = {
    use ProjectKind::*;
    [
        ("services.s1.department_apps", QuasiPublic),
        ("services.s1.sector_apps", QuasiPublic),
        ("services.s1.online_application", QuasiPublic),
        ("services.s1.mobile_access", QuasiPublic),
        ("services.s2.one_stop_platform", QuasiPublic),
        ("services.s2.public_services_aggregated", QuasiPublic),
        ("services.s2.commercial_services", MarketValue),
        ("services.s2.joined_up_transactions", Management),
        ("services.s2.feedback_channel", QuasiPublic),
        ("services.s3.co_creation", QuasiPublic),
        ("services.s3.proactive_services", QuasiPublic),
        ("services.s3.outcome_monitoring", Management),
        ("services.s3.all_groups_covered", PublicGood),
        ("services.s3.immersive_services", MarketValue),
        ("economy.s1.leading_firm_initiative", MarketValue),
        ("economy.s1.leading_firm_systems", MarketValue),
        ("economy.s1.firm_it_infrastructure", MarketValue),
        ("economy.s1.integrated_flows", MarketValue),
        ("economy.s1.efficiency_gains", MarketValue),
        ("economy.s2.government_guidance", Management),
        // The specialty chain's shared platform, set up with government
        // guidance: in the report's county cases the government set it up
        // with firms (Shen County: 通过政府购买服务; Pengshui: 政府积极与互联网
        // 企业联合; Baoying: a trading platform built for brokers, firms and
        // the park's government), a quasi-public service, so public-private
        // (the review of the example cities found market-led wrong there).
        ("economy.s2.industry_internet_platform", QuasiPublic),
        ("economy.s2.chain_linkage", QuasiPublic),
        ("economy.s2.chain_wide_participation", MarketValue),
        ("economy.s2.demand_led_production", MarketValue),
        ("economy.s2.chain_results_tracked", Management),
        ("economy.s3.innovation_platform", QuasiPublic),
        ("economy.s3.open_participation", MarketValue),
        ("economy.s3.cross_sector_linkage", MarketValue),
        ("economy.s3.regional_collaboration", Management),
        ("economy.s3.flexible_employment", MarketValue),
        ("governance.s1.department_systems", Management),
        ("governance.s1.asset_inventory", Management),
        ("governance.s1.incident_records", Management),
        ("governance.s1.digital_workflows", Management),
        ("governance.s2.public_participation", QuasiPublic),
        ("governance.s2.people_events_assets", Management),
        ("governance.s2.cross_department_dispatch", Management),
        ("governance.s2.automatic_sensing", PublicInfrastructure),
        ("governance.s2.user_side_metrics", Management),
        ("governance.s2.platforms_in_use", Management),
        ("governance.s3.multi_party_governance", Management),
        ("governance.s3.forecasting", Management),
        ("governance.s3.urban_rural_coverage", Management),
        ("governance.s3.cross_boundary_governance", Management),
        (
            "governance.s3.self_optimising_operations",
            PublicInfrastructure,
        ),
        ("environment.s1.epb_digital_systems", Management),
        ("environment.s1.air_water_monitoring", Management),
        ("environment.s1.waste_soil_noise_tracking", Management),
        ("environment.s1.local_monitoring_use", Management),
        ("environment.s2.multi_department_programme", Management),
        ("environment.s2.realtime_sensing", PublicInfrastructure),
        ("environment.s2.data_analytics_ai", Management),
        ("environment.s2.green_energy_support", QuasiPublic),
        (
            "environment.s2.facility_data_aggregation",
            PublicInfrastructure,
        ),
        ("environment.s3.joint_carbon_neutral_programme", QuasiPublic),
        ("environment.s3.building_energy_optimisation", MarketValue),
        ("environment.s3.transport_logistics_energy", MarketValue),
        ("environment.s3.carbon_inclusion", QuasiPublic),
        ("environment.s3.carbon_management_platform", Management),
        ("government.s1.department_systems", Management),
        ("government.s1.point_to_point_sharing", Management),
        ("government.s1.data_supported_decisions", Management),
        ("government.s2.cross_department_office", Management),
        ("government.s2.base_data_sharing", Management),
        ("government.s2.secure_sharing_rules", Management),
        ("government.s2.cross_department_decisions", Management),
        ("government.s3.integrated_collaboration", Management),
        ("government.s3.citizen_business_channels", Management),
        ("government.s3.open_data_platform", PublicGood),
        ("government.s3.city_level_decisions", Management),
        ("infrastructure.s1.smart_devices", PublicInfrastructure),
        (
            "infrastructure.s1.department_computing",
            PublicInfrastructure,
        ),
        ("infrastructure.s1.hardware_firewalls", PublicInfrastructure),
        (
            "infrastructure.s2.citywide_smart_facilities",
            PublicInfrastructure,
        ),
        (
            "infrastructure.s2.shared_cloud_data_ai",
            PublicInfrastructure,
        ),
        (
            "infrastructure.s2.city_security_operations",
            PublicInfrastructure,
        ),
        (
            "infrastructure.s2.long_term_operation",
            PublicInfrastructure,
        ),
        ("infrastructure.s2.single_operator", PublicInfrastructure),
        ("infrastructure.s3.digital_twin", PublicInfrastructure),
        (
            "infrastructure.s3.city_operating_system",
            PublicInfrastructure,
        ),
        (
            "infrastructure.s3.shared_sensing_pool",
            PublicInfrastructure,
        ),
        (
            "infrastructure.s3.intercity_joint_defence",
            PublicInfrastructure,
        ),
        ("enablers.s1.lead_department", Management),
        ("enablers.s1.department_plans", Management),
        ("enablers.s1.project_budgets", Management),
        ("enablers.s1.it_project_skills", Management),
        ("enablers.s1.data_rules_compliance", Management),
        ("enablers.s1.national_standards", Management),
        ("enablers.s2.mayor_led_group", Management),
        ("enablers.s2.citywide_plan", Management),
        ("enablers.s2.funding_operations_plan", Management),
        ("enablers.s2.staff_digital_skills", Management),
        ("enablers.s2.data_protection_mechanism", Management),
        ("enablers.s2.basic_standards", Management),
        ("enablers.s3.chief_data_officer", Management),
        ("enablers.s3.policy_system", Management),
        ("enablers.s3.joint_funding_operations", Management),
        ("enablers.s3.citizen_business_training", PublicGood),
        ("enablers.s3.mature_data_protection", Management),
        ("enablers.s3.standards_system", Management),
    ]
};

/// The kind of project an indicator calls for; `None` for an id the table
/// does not know (an indicator added to the framework data later: the
/// advice then falls back on the domain's usual kind).
pub fn project_kind(indicator: &str) -> Option<ProjectKind> {
    PROJECT_KINDS
        .iter()
        .find(|(id, _)| *id == indicator)
        .map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::framework;

    #[test]
    fn every_indicator_of_the_framework_has_a_project_kind() {
        let framework_ids: std::collections::BTreeSet<&str> = framework()
            .indicators()
            .map(|r| r.indicator.id.as_str())
            .collect();
        let table: std::collections::BTreeSet<&str> =
            PROJECT_KINDS.iter().map(|(id, _)| *id).collect();
        assert_eq!(table.len(), PROJECT_KINDS.len(), "an id listed twice");
        let missing: Vec<&&str> = framework_ids.difference(&table).collect();
        let unknown: Vec<&&str> = table.difference(&framework_ids).collect();
        assert!(missing.is_empty(), "indicators without a kind: {missing:?}");
        assert!(unknown.is_empty(), "kinds for no indicator: {unknown:?}");
        assert!(Rule::ProjectKinds.source().is_convention());
    }

    #[test]
    fn every_principle_of_the_framework_has_a_source() {
        for p in &framework().principles {
            assert!(principle_source(&p.id).is_some(), "{}", p.id);
        }
    }

    #[test]
    fn every_rule_has_a_source_and_conventions_say_why_in_both_languages() {
        let mut ids = std::collections::BTreeSet::new();
        for rule in Rule::ALL {
            assert!(ids.insert(rule.id()), "{} twice", rule.id());
            match rule.source() {
                Source::Cited {
                    quote, rendering, ..
                } => {
                    assert!(!quote.is_empty() && !rendering.is_empty());
                    assert!(!quote.is_ascii());
                }
                Source::Convention { en, zh } => {
                    assert!(!en.is_empty() && !zh.is_empty());
                }
            }
        }
        assert!(Rule::Weights.source().is_convention());
        let j = Rule::StartSmall.source().json(Lang::Zh);
        assert_eq!(j["rendering"], serde_json::Value::Null);
        assert_eq!(j["convention"], false);
        let j = Rule::StartSmall.source().json(Lang::En);
        assert!(j["rendering"].as_str().unwrap().contains("talent"));
    }
}
