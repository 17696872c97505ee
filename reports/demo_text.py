"""Plausible Chinese names and texts for the demo records (no real person or business)."""

STREETS = [
    "文三路",
    "文二西路",
    "天目山路",
    "古墩路",
    "西溪路",
    "留下街",
    "龙井路",
    "北山街",
    "曙光路",
    "教工路",
    "学院路",
    "万塘路",
    "翠柏路",
    "紫荆花路",
    "丰潭路",
    "余杭塘路",
    "三墩路",
    "蒋村街",
    "之江路",
    "灵隐路",
]

VENUE_SUFFIX = {
    "school": "幼儿园",
    "clinic": "诊所",
    "shop": "便利店",
    "restaurant": "小吃店",
    "hotel": "宾馆",
    "entertainment": "KTV",
    "internet_cafe": "网吧",
    "beauty_bath": "足浴店",
    "workshop": "加工厂",
    "explosives": "爆破工程有限公司",
    "fireworks": "烟花爆竹零售点",
}

# Where the nine small places of a district like Xihu mostly are.
NINE_KIND_WEIGHTS = {
    "shop": 30,
    "restaurant": 28,
    "hotel": 10,
    "entertainment": 5,
    "internet_cafe": 4,
    "beauty_bath": 8,
    "clinic": 6,
    "school": 4,
    "workshop": 5,
}

HAZARDS = [
    ("exits_blocked", "安全出口堆放杂物"),
    ("extinguishers", "灭火器压力不足"),
    ("lighting_signs", "应急照明灯损坏"),
    ("wiring", "电线私拉乱接"),
    ("flammables_living", "经营场所内住人"),
]

REPORT_PLACES = [
    "西湖风景区断桥",
    "灵隐寺停车场",
    "西溪湿地周家村入口",
    "黄龙体育中心",
    "文三路数码街",
    "古墩路印象城",
    "河坊街",
    "杭州植物园",
    "浙大玉泉校区东门",
    "龙井村",
    "梅家坞",
    "西城广场",
]

REPORT_SUMMARIES = {
    "criminal": "报称手机被盗",
    "public_security": "报称有人在店内酒后滋事",
    "traffic": "报称两车刮擦，无人员受伤",
    "fire": "报称楼道电瓶车冒烟",
    "dispute": "报称与邻居因噪音发生纠纷",
    "assistance": "报称与家人走散求助",
    "other": "咨询春节期间景区交通管制",
}

CASE_TITLES = {
    "telecom_fraud": "冒充客服电信网络诈骗案",
    "theft": "景区扒窃案",
    "robbery": "街头抢夺案",
    "fraud": "虚假售票诈骗案",
    "fireworks": "非法储存烟花爆竹案",
    "gambling": "聚众赌博案",
    "drugs": "容留他人吸毒案",
    "assault": "酒后故意伤害案",
    "other": "寻衅滋事案",
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明"]

DISPUTE_SUMMARIES = {
    "wage_arrears": "务工人员反映春节前工资未结清",
    "marriage": "恋爱双方因彩礼返还发生争执",
    "family": "兄弟因老人赡养问题发生矛盾",
    "neighbourhood": "邻里因楼道堆物发生口角",
    "debt": "朋友间借款到期未还引发纠纷",
    "property": "租户与房东因押金退还发生纠纷",
    "consumer": "游客与商户因消费价格发生争执",
    "other": "停车位使用引发纠纷",
}

PATROL_AREAS = {
    "scenic_spot": "西湖景区湖滨—断桥沿线",
    "shopping_mall": "西溪印象城",
    "commercial_street": "文三路商业街",
    "square": "西城广场",
    "transport_hub": "杭州西站",
    "residential": "翠苑小区",
}

EVENTS = [
    ("西湖新春灯会", "西湖景区湖滨", "official", 30000),
    ("灵隐寺新春祈福活动", "灵隐景区", "folk", 20000),
    ("西溪湿地新春庙会", "西溪湿地", "official", 15000),
    ("黄龙体育中心新春音乐会", "黄龙体育中心", "official", 8000),
    ("龙井村舞龙表演", "龙井村", "folk", 3000),
    ("三墩镇元宵灯谜会", "三墩镇文化广场", "folk", 2500),
    ("之江新春长跑", "之江路", "official", 5000),
]

PUBLICITY = [
    ("fire_safety", "“九小场所”消防安全进万家"),
    ("fire_safety", "春节消防安全宣传进景区"),
    ("anti_fraud", "反诈宣传进社区"),
    ("fireworks", "禁燃限放政策宣传"),
    ("traffic", "春运交通安全宣传"),
]
