"""The stations and units of the Xihu sub-bureau, as load_demo creates them."""

XIHU_STATIONS = [
    ("beishan", "北山派出所", "Beishan Police Station", "police_station"),
    ("lingyin", "灵隐派出所", "Lingyin Police Station", "police_station"),
    ("xixi", "西溪派出所", "Xixi Police Station", "police_station"),
    ("wenxin", "文新派出所", "Wenxin Police Station", "police_station"),
    ("gudang", "古荡派出所", "Gudang Police Station", "police_station"),
    ("cuiyuan", "翠苑派出所", "Cuiyuan Police Station", "police_station"),
    ("jiangcun", "蒋村派出所", "Jiangcun Police Station", "police_station"),
    ("sandun", "三墩派出所", "Sandun Police Station", "police_station"),
    ("liuxia", "留下派出所", "Liuxia Police Station", "police_station"),
    ("zhuantang", "转塘派出所", "Zhuantang Police Station", "police_station"),
    ("shuangpu", "双浦派出所", "Shuangpu Police Station", "police_station"),
    (
        "xihu-scenic",
        "西湖风景名胜区派出所",
        "West Lake Scenic Area Police Station",
        "police_station",
    ),
    ("patrol-brigade", "巡特警大队", "Patrol and SWAT Brigade", "brigade"),
    ("criminal-brigade", "刑侦大队", "Criminal Investigation Brigade", "brigade"),
    ("command", "指挥中心", "Command Centre", "command_centre"),
]
