window.labyrintSearch.load("t-h",{"handicap":"Dnc","hjælp":"CqPAxb er"});
