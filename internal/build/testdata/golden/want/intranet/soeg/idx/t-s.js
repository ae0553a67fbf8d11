window.labyrintSearch.load("t-s",{"se":"GxK","sig":"G7F er","sit":"A4f e","sted":"D4A","støt":"D7Y te","svar":"Fra er"});
